namespace SmartSensors.Cloud.Dashboard;

/// <summary>Soil moisture bands (%): below <see cref="Threshold"/> needs water, above <see cref="OverWateredThreshold"/> over-watered.</summary>
internal sealed record WateringThresholds(double Threshold, double OverWateredThreshold, IReadOnlyList<WateringOverrideThresholds> Overrides);
