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
        // Readings of one point are usually adjacent, and packs are small: look back through the points started so
        // far (newest first) and only build a dictionary for a large pack.
        var order = new List<(SensorKind Kind, string Sensor, DateTimeOffset Time)>();
        var fields = new List<List<StorageField>>();
        Dictionary<(SensorKind Kind, string Sensor, DateTimeOffset Time), int>? index = null;
        foreach (var reading in pack.Readings)
        {
            var key = (reading.Kind, reading.SensorId, reading.CaptureTime);
            var at = -1;
            if (index is not null)
            {
                at = index.GetValueOrDefault(key, -1);
            }
            else
            {
                for (var i = order.Count - 1; i >= 0; i--)
                {
                    var known = order[i];
                    if (known.Kind == key.Kind && known.Time == key.CaptureTime && string.Equals(known.Sensor, key.SensorId, StringComparison.Ordinal))
                    {
                        at = i;
                        break;
                    }
                }
            }

            if (at < 0)
            {
                at = order.Count;
                order.Add(key);
                fields.Add([]);
                if (index is not null)
                {
                    index.Add(key, at);
                }
                else if (order.Count > 32)
                {
                    index = new Dictionary<(SensorKind Kind, string Sensor, DateTimeOffset Time), int>(order.Count * 2);
                    for (var i = 0; i < order.Count; i++)
                    {
                        index.Add(order[i], i);
                    }
                }
            }

            var isInteger = Quantities.TryGet(reading.Quantity, out var quantity) && quantity.IsInteger;
            fields[at].Add(new StorageField(reading.Quantity, reading.Value, isInteger));
        }

        for (var i = 0; i < order.Count; i++)
        {
            var key = order[i];
            output.Add(new StoragePoint(Measurement(key.Kind), pack.Site, pack.Gateway, key.Sensor, key.Time, fields[i]));
        }
    }
}
