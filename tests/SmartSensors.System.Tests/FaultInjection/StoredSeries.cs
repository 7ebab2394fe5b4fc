namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>An InfluxDB series (measurement + gateway and sensor tags) and one of its fields.</summary>
internal readonly record struct StoredSeries(string Measurement, string Gateway, string Sensor, string Field);
