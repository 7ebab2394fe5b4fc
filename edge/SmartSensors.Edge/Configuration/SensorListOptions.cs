namespace SmartSensors.Edge.Configuration;

/// <summary>The sensors attached to this gateway (section <c>SmartSensors:Sensors</c>, a list).</summary>
internal sealed class SensorListOptions
{
    /// <summary>The section this options class is bound from (its <see cref="Sensors"/> property is the list).</summary>
    public const string SectionName = "SmartSensors";

    /// <summary>Sensor id the gateway's own health readings carry (reserved: no sensor may use it).</summary>
    public const string HealthSensorId = "gateway";

    public List<SensorOptions> Sensors { get; set; } = [];
}
