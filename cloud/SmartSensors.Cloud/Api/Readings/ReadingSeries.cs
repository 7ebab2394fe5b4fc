namespace SmartSensors.Cloud.Api.Readings;

/// <summary>The answer of <c>/api/v1/readings</c>: one sensor's quantity over a range, aggregated per window.</summary>
internal sealed record ReadingSeries(
    string Site,
    string Gateway,
    string Sensor,
    string Quantity,
    string Unit,
    DateTimeOffset From,
    DateTimeOffset To,
    string Window,
    IReadOnlyList<ReadingPoint> Points);
