namespace SmartSensors.Cloud.Api.Readings;

/// <summary>One aggregation window: its start, and the mean, minimum, maximum and count of the readings in it.</summary>
internal sealed record ReadingPoint(DateTimeOffset Time, double Mean, double Min, double Max, long Count);
