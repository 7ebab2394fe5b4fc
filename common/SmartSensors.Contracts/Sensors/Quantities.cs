using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SmartSensors.Contracts;

/// <summary>
/// The catalogue of quantities a gateway may send. Quantity names are unique across all kinds, so the name alone
/// tells which kind (and which InfluxDB measurement) a reading belongs to.
/// </summary>
public static class Quantities
{
    /// <summary>Largest count a double carries exactly (2^53 - 1).</summary>
    public const double MaxCount = 9_007_199_254_740_991d;

    // Air quality. Particulates: optical sensors (SDS011, PMS5003) top out at 999-1000 ug/m3; 2000 leaves room
    // for smoke events while refusing garbage. Gases: electrochemical cells saturate well below 20 000 ug/m3.
    /// <summary>PM1, ug/m3.</summary>
    public static readonly QuantityDefinition Pm1 = new("pm1", SensorKind.AirQuality, SenmlUnits.MicrogramsPerCubicMetre, 0, 2000, false, "PM1 mass concentration");
    /// <summary>PM2.5, ug/m3 (wire name <c>pm2_5</c>: no dot, so InfluxQL/Flux need no quoting).</summary>
    public static readonly QuantityDefinition Pm25 = new("pm2_5", SensorKind.AirQuality, SenmlUnits.MicrogramsPerCubicMetre, 0, 2000, false, "PM2.5 mass concentration");
    /// <summary>PM10, ug/m3.</summary>
    public static readonly QuantityDefinition Pm10 = new("pm10", SensorKind.AirQuality, SenmlUnits.MicrogramsPerCubicMetre, 0, 2000, false, "PM10 mass concentration");
    /// <summary>NO2, ug/m3.</summary>
    public static readonly QuantityDefinition No2 = new("no2", SensorKind.AirQuality, SenmlUnits.MicrogramsPerCubicMetre, 0, 20000, false, "Nitrogen dioxide concentration");
    /// <summary>O3, ug/m3.</summary>
    public static readonly QuantityDefinition O3 = new("o3", SensorKind.AirQuality, SenmlUnits.MicrogramsPerCubicMetre, 0, 20000, false, "Ozone concentration");
    /// <summary>SO2, ug/m3.</summary>
    public static readonly QuantityDefinition So2 = new("so2", SensorKind.AirQuality, SenmlUnits.MicrogramsPerCubicMetre, 0, 20000, false, "Sulphur dioxide concentration");
    /// <summary>CO2, ppm (SCD4x measures 400-5000, reads up to 40 000).</summary>
    public static readonly QuantityDefinition Co2 = new("co2", SensorKind.AirQuality, SenmlUnits.PartsPerMillion, 0, 40000, false, "Carbon dioxide concentration");

    /// <summary>Air temperature, Cel (-60..70: beyond any UK, indeed any inhabited, outdoor reading).</summary>
    public static readonly QuantityDefinition Temperature = new("temperature", SensorKind.Weather, SenmlUnits.Celsius, -60, 70, false, "Air temperature");
    /// <summary>Relative humidity, %RH.</summary>
    public static readonly QuantityDefinition Humidity = new("humidity", SensorKind.Weather, SenmlUnits.RelativeHumidity, 0, 100, false, "Relative humidity");
    /// <summary>Barometric pressure, hPa (BME280 range 300..1100 hPa).</summary>
    public static readonly QuantityDefinition Pressure = new("pressure", SensorKind.Weather, SenmlUnits.Hectopascal, 300, 1100, false, "Barometric pressure");

    /// <summary>Soil moisture index, percent (calibrated per probe: 0 dry, 100 wet).</summary>
    public static readonly QuantityDefinition Moisture = new("moisture", SensorKind.Soil, SenmlUnits.Percent, 0, 100, false, "Soil moisture index");

    /// <summary>Water level above the station datum, m.</summary>
    public static readonly QuantityDefinition Level = new("level", SensorKind.WaterLevel, SenmlUnits.Metre, -50, 100, false, "Water level above datum");
    /// <summary>Measured distance from the sensor down to the water, m.</summary>
    public static readonly QuantityDefinition Distance = new("distance", SensorKind.WaterLevel, SenmlUnits.Metre, 0, 100, false, "Distance from sensor to water surface");

    /// <summary>People counted in the interval.</summary>
    public static readonly QuantityDefinition Count = new("count", SensorKind.Footfall, SenmlUnits.Count, 0, MaxCount, true, "People counted in the interval");
    /// <summary>People counted going in during the interval.</summary>
    public static readonly QuantityDefinition In = new("in", SensorKind.Footfall, SenmlUnits.Count, 0, MaxCount, true, "People counted going in");
    /// <summary>People counted going out during the interval.</summary>
    public static readonly QuantityDefinition Out = new("out", SensorKind.Footfall, SenmlUnits.Count, 0, MaxCount, true, "People counted going out");

    /// <summary>Readings waiting in the gateway outbox.</summary>
    public static readonly QuantityDefinition OutboxDepth = new("outbox_depth", SensorKind.GatewayHealth, SenmlUnits.Count, 0, MaxCount, true, "Readings waiting in the outbox");
    /// <summary>Age of the oldest unsent reading, s.</summary>
    public static readonly QuantityDefinition OldestUnsentAge = new("oldest_unsent_age", SensorKind.GatewayHealth, SenmlUnits.Second, 0, 10 * 365.25 * 86400, false, "Age of the oldest unsent reading");
    /// <summary>Readings evicted from the full outbox since start.</summary>
    public static readonly QuantityDefinition Evicted = new("evicted", SensorKind.GatewayHealth, SenmlUnits.Count, 0, MaxCount, true, "Readings evicted from the outbox");
    /// <summary>Sensor read errors since start.</summary>
    public static readonly QuantityDefinition SensorErrors = new("sensor_errors", SensorKind.GatewayHealth, SenmlUnits.Count, 0, MaxCount, true, "Sensor read errors");
    /// <summary>SoC temperature, Cel (Raspberry Pi throttles at 85; -40 is the rated minimum).</summary>
    public static readonly QuantityDefinition CpuTemperature = new("cpu_temperature", SensorKind.GatewayHealth, SenmlUnits.Celsius, -40, 125, false, "CPU temperature");

    private static readonly QuantityDefinition[] AllDefinitions =
    [
        Pm1, Pm25, Pm10, No2, O3, So2, Co2,
        Temperature, Humidity, Pressure,
        Moisture,
        Level, Distance,
        Count, In, Out,
        OutboxDepth, OldestUnsentAge, Evicted, SensorErrors, CpuTemperature,
    ];

    private static readonly FrozenDictionary<string, QuantityDefinition> ByName =
        AllDefinitions.ToFrozenDictionary(q => q.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, QuantityDefinition>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    // The wire names as UTF-8, to look a name up straight from the JSON bytes (a short linear scan: 21 entries).
    private static readonly (byte[] Utf8, QuantityDefinition Quantity)[] ByUtf8 =
        [.. AllDefinitions.Select(q => (System.Text.Encoding.UTF8.GetBytes(q.Name), q))];

    /// <summary>Every quantity, in catalogue order.</summary>
    public static IReadOnlyList<QuantityDefinition> All => AllDefinitions;

    /// <summary>Finds a quantity by its wire name (case-sensitive).</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out QuantityDefinition? quantity)
    {
        if (name is null)
        {
            quantity = null;
            return false;
        }

        return ByName.TryGetValue(name, out quantity);
    }

    /// <summary>Finds a quantity by its wire name (case-sensitive) without allocating.</summary>
    public static bool TryGet(ReadOnlySpan<char> name, [NotNullWhen(true)] out QuantityDefinition? quantity) =>
        ByNameSpan.TryGetValue(name, out quantity);

    /// <summary>Finds a quantity by its wire name given as UTF-8 (case-sensitive) without allocating.</summary>
    internal static bool TryGetUtf8(ReadOnlySpan<byte> name, [NotNullWhen(true)] out QuantityDefinition? quantity)
    {
        foreach (var (utf8, candidate) in ByUtf8)
        {
            if (utf8.Length == name.Length && name.SequenceEqual(utf8))
            {
                quantity = candidate;
                return true;
            }
        }

        quantity = null;
        return false;
    }

    /// <summary>The quantities of one kind.</summary>
    public static IEnumerable<QuantityDefinition> OfKind(SensorKind kind) => AllDefinitions.Where(q => q.Kind == kind);
}
