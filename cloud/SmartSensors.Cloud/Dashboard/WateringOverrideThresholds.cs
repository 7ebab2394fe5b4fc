namespace SmartSensors.Cloud.Dashboard;

/// <summary>Soil moisture bands for one site (optionally one gateway and sensor); null values fall back to the defaults.</summary>
internal sealed record WateringOverrideThresholds(string Site, string? Gateway, string? Sensor, double? Threshold, double? OverWateredThreshold);
