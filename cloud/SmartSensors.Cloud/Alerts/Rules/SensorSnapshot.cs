using SmartSensors.Cloud.Alerts.AirQuality;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>One sensor's rule state in the engine snapshot.</summary>
internal sealed record SensorSnapshot(
    string Site,
    string Gateway,
    string Sensor,
    DateTimeOffset LastHeard,
    double? Moisture,
    DateTimeOffset? MoistureAt,
    DetectorState? Watering,
    DetectorState? OverWatering,
    DetectorState? Flood,
    DetectorState? FloodRise,
    DetectorState? Daqi,
    IReadOnlyList<TimedValue> LevelHistory,
    double? LastLevel,
    bool SilentRaised,
    bool StaleRaised,
    IReadOnlyDictionary<Pollutant, RunningMeanState> Means,
    double? LastEvicted,
    DateTimeOffset? LastEvictionAt,
    bool EvictingRaised,
    double? LastSensorErrors,
    IReadOnlyList<TimedValue> Faults,
    bool FaultsRaised);
