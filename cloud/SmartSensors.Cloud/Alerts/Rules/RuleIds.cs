namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>The rules; one open alert per rule and subject.</summary>
internal static class RuleIds
{
    /// <summary>Soil moisture below the watering threshold, sustained.</summary>
    public const string Watering = "watering";

    /// <summary>Soil moisture above the over-watering threshold, sustained.</summary>
    public const string OverWatering = "over-watering";

    /// <summary>DAQI index (highest pollutant sub-index from running means) at Moderate or worse.</summary>
    public const string AirQuality = "air-quality";

    /// <summary>River level above a station's flood alert / flood warning / severe flood warning level.</summary>
    public const string FloodLevel = "flood-level";

    /// <summary>River rising faster than the station's rate-of-rise threshold.</summary>
    public const string FloodRise = "flood-rise";

    /// <summary>A river sensor silent while its last level was at or above the flood alert level.</summary>
    public const string FloodSilent = "flood-silent";

    /// <summary>Gateway offline (MQTT will / offline status) or no heartbeat.</summary>
    public const string GatewayOffline = "gateway-offline";

    /// <summary>A sensor that stopped reporting while its gateway is online.</summary>
    public const string SensorStale = "sensor-stale";

    /// <summary>The gateway's outbox is evicting unsent readings.</summary>
    public const string OutboxEvicting = "outbox-evicting";

    /// <summary>Repeated sensor read errors.</summary>
    public const string SensorFaults = "sensor-faults";

    /// <summary>The MQTT broker dropped queued messages (its <c>$SYS/broker/publish/messages/dropped</c> counter rose).</summary>
    public const string BrokerDropped = "broker-dropped";
}
