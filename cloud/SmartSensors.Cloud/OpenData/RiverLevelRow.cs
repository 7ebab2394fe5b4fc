namespace SmartSensors.Cloud.OpenData;

/// <summary>One station's window of river levels (m above the station datum).</summary>
internal sealed record RiverLevelRow(DateTimeOffset Start, double Mean, double Min, double Max, long Readings);
