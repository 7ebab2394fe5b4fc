namespace SmartSensors.Cloud.OpenData;

/// <summary>People counted at one station in one window of at least 15 minutes (null where the sensor does not count it).</summary>
internal sealed record FootfallRow(DateTimeOffset Start, long? Count, long? In, long? Out);
