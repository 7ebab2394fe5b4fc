namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>One sensor of a gateway's inventory (from its birth message).</summary>
internal sealed record SensorView(string Sensor, string Model, string Kind, IReadOnlyList<string> Quantities);
