namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>Alert severity, on the CAP 1.2 scale (<c>info/severity</c>), ordered so that a larger value is worse.</summary>
internal enum AlertSeverity
{
    /// <summary>Minimal threat (a bed to water, a stale sensor).</summary>
    Minor = 1,

    /// <summary>Possible threat (DAQI Moderate, EA Flood Alert, gateway offline).</summary>
    Moderate = 2,

    /// <summary>Significant threat (DAQI High, EA Flood Warning, a flood sensor silent while the river is high).</summary>
    Severe = 3,

    /// <summary>Extraordinary threat to life or property (DAQI Very High, EA Severe Flood Warning).</summary>
    Extreme = 4,
}
