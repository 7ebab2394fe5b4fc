namespace SmartSensors.Cloud.Api.Stream;

/// <summary>The data of a <c>reading</c> event.</summary>
internal sealed record LiveReading(string Site, string Gateway, string Sensor, string Quantity, string Unit, double Value, DateTimeOffset Time);
