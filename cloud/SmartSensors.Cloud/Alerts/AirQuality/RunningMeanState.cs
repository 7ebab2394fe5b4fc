namespace SmartSensors.Cloud.Alerts.AirQuality;

/// <summary>The slots of a <see cref="RunningMean"/> (slot id, sum, count per slot), saved across restarts.</summary>
internal sealed record RunningMeanState(IReadOnlyList<long> SlotIds, IReadOnlyList<double> Sums, IReadOnlyList<int> Counts);
