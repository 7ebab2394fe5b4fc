namespace SmartSensors.Contracts;

/// <summary>
/// Maps readings onto the time-series schema: one measurement per <see cref="SensorKind"/>, tags <c>site</c>,
/// <c>gateway</c>, <c>sensor</c>, one field per quantity, timestamp = capture time. Readings of the same sensor,
/// kind and capture time become one point with several fields. Same series + timestamp overwrites in InfluxDB,
/// so a redelivered pack is idempotent in storage.
/// </summary>
public static class StorageMapping
{
    /// <summary>Tag holding the site id.</summary>
    public const string SiteTag = "site";
    /// <summary>Tag holding the gateway id.</summary>
    public const string GatewayTag = "gateway";
    /// <summary>Tag holding the sensor id.</summary>
    public const string SensorTag = "sensor";

    /// <summary>The measurement a kind is stored in.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static string Measurement(SensorKind kind) => kind switch
    {
        SensorKind.AirQuality => "air_quality",
        SensorKind.Weather => "weather",
        SensorKind.Soil => "soil",
        SensorKind.WaterLevel => "water_level",
        SensorKind.Footfall => "footfall",
        SensorKind.GatewayHealth => "gateway_health",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    /// <summary>Every measurement name, in <see cref="SensorKind"/> order.</summary>
    public static IReadOnlyList<string> Measurements { get; } =
        [.. Enum.GetValues<SensorKind>().Select(Measurement)];

    /// <summary>The points for a pack (site and gateway from the pack).</summary>
    public static IReadOnlyList<StoragePoint> ToPoints(GatewayPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var points = new List<StoragePoint>();
        ToPoints(pack, points);
        return points;
    }

    /// <summary>Appends the points for a pack to <paramref name="output"/>, in order of first appearance.</summary>
    public static void ToPoints(GatewayPack pack, ICollection<StoragePoint> output)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(output);
        var order = new List<(SensorKind Kind, string Sensor, DateTimeOffset Time)>();
        var fields = new Dictionary<(SensorKind Kind, string Sensor, DateTimeOffset Time), List<StorageField>>();
        foreach (var reading in pack.Readings)
        {
            var key = (reading.Kind, reading.SensorId, reading.CaptureTime);
            if (!fields.TryGetValue(key, out var list))
            {
                list = [];
                fields.Add(key, list);
                order.Add(key);
            }

            var isInteger = Quantities.TryGet(reading.Quantity, out var quantity) && quantity.IsInteger;
            list.Add(new StorageField(reading.Quantity, reading.Value, isInteger));
        }

        foreach (var key in order)
        {
            output.Add(new StoragePoint(Measurement(key.Kind), pack.Site, pack.Gateway, key.Sensor, key.Time, fields[key]));
        }
    }
}
