namespace SmartSensors.Contracts;

/// <summary>One sensor attached to a gateway, as listed in its birth message.</summary>
/// <param name="SensorId">The sensor id used in readings.</param>
/// <param name="Model">The device model, e.g. "bme280", "sds011" (free text, at most 64 characters).</param>
/// <param name="Kind">The sensor's main kind.</param>
/// <param name="Quantities">The quantity names it reports (catalogue names).</param>
public sealed record SensorInventoryItem(string SensorId, string Model, SensorKind Kind, IReadOnlyList<string> Quantities);
