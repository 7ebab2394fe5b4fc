namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>One bed on the watering round.</summary>
internal sealed record RoundBed(string Gateway, string Sensor, double Moisture, double Threshold, DateTimeOffset ReadAt, DateTimeOffset? NeedsWaterSince);
