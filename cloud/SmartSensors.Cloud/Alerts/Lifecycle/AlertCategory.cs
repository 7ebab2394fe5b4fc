namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>What an alert is about; audiences subscribe to categories (wire names in <see cref="AlertNames"/>).</summary>
internal enum AlertCategory
{
    /// <summary>Soil moisture: a bed needs watering, or is over-watered.</summary>
    Watering = 1,

    /// <summary>Air quality against the UK Daily Air Quality Index.</summary>
    AirQuality = 2,

    /// <summary>River levels, rate of rise, silent flood sensors.</summary>
    Flood = 3,

    /// <summary>Gateways offline, stale sensors, outbox evictions, repeated sensor faults.</summary>
    DeviceHealth = 4,
}
