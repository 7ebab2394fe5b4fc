using SmartSensors.Cloud.Alerts.AirQuality;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>What the rule engine remembers about one sensor.</summary>
internal sealed class SensorRuleState
{
    /// <summary>Cloud time the sensor was last heard from.</summary>
    public DateTimeOffset LastHeard { get; set; }

    /// <summary>Newest soil moisture (value, capture time), for the watering round.</summary>
    public (double Value, DateTimeOffset At)? Moisture { get; set; }

    public LevelDetector? Watering { get; set; }

    public LevelDetector? OverWatering { get; set; }

    public LevelDetector? Flood { get; set; }

    public LevelDetector? FloodRise { get; set; }

    /// <summary>Recent river levels for the rate of rise (bounded by the station's window).</summary>
    public Queue<(DateTimeOffset At, double Level)> LevelHistory { get; } = new();

    /// <summary>Newest river level.</summary>
    public double? LastLevel { get; set; }

    public bool SilentRaised { get; set; }

    public bool StaleRaised { get; set; }

    public Dictionary<Pollutant, RunningMean> Means { get; } = [];

    public LevelDetector? Daqi { get; set; }

    public double? LastEvicted { get; set; }

    public DateTimeOffset? LastEvictionAt { get; set; }

    public bool EvictingRaised { get; set; }

    public double? LastSensorErrors { get; set; }

    /// <summary>Sensor read errors counted per capture time, within the fault window.</summary>
    public Queue<(DateTimeOffset At, double Errors)> Faults { get; } = new();

    public bool FaultsRaised { get; set; }
}
