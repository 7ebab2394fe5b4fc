using System.Text.Json.Serialization;

namespace SmartSensors.Contracts;

/// <summary>
/// The domain a quantity belongs to. Each kind is one InfluxDB measurement (see <see cref="StorageMapping"/>);
/// the JSON name is the measurement name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SensorKind>))]
public enum SensorKind
{
    /// <summary>Particulates and gases: pm1, pm2_5, pm10, no2, o3, so2, co2.</summary>
    [JsonStringEnumMemberName("air_quality")]
    AirQuality = 1,

    /// <summary>temperature, humidity, pressure.</summary>
    [JsonStringEnumMemberName("weather")]
    Weather = 2,

    /// <summary>Soil moisture index.</summary>
    [JsonStringEnumMemberName("soil")]
    Soil = 3,

    /// <summary>River / water level and the raw distance it was derived from.</summary>
    [JsonStringEnumMemberName("water_level")]
    WaterLevel = 4,

    /// <summary>People counts per interval: count, in, out.</summary>
    [JsonStringEnumMemberName("footfall")]
    Footfall = 5,

    /// <summary>The gateway's own health: outbox depth and age, evictions, sensor errors, CPU temperature.</summary>
    [JsonStringEnumMemberName("gateway_health")]
    GatewayHealth = 6,
}
