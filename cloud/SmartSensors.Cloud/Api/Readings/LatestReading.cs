namespace SmartSensors.Cloud.Api.Readings;

/// <summary>The newest value of one quantity of one sensor.</summary>
internal sealed record LatestReading(string Site, string Gateway, string Sensor, string Quantity, string Unit, double Value, DateTimeOffset Time);
