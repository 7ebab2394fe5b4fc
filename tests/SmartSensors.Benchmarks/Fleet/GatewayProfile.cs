using SmartSensors.Contracts;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>What one kind of gateway measures each sampling cycle (3–8 readings): the sensors of the demo fleet's
/// flowerbeds, river level posts, footfall counters and air-quality posts.</summary>
internal sealed class GatewayProfile
{
    private GatewayProfile(string name, params (string Sensor, QuantityDefinition Quantity, double Typical, double Swing)[] channels)
    {
        Name = name;
        Channels = channels;
    }

    public static IReadOnlyList<GatewayProfile> All { get; } =
    [
        new("flowerbed", ("soil-1", Quantities.Moisture, 35, 15), ("bme280-1", Quantities.Temperature, 12, 8), ("bme280-1", Quantities.Humidity, 70, 20)),
        new("river-level", ("level-1", Quantities.Level, 1.2, 0.6), ("level-1", Quantities.Distance, 3.8, 0.6), ("bme280-1", Quantities.Temperature, 11, 8)),
        new("footfall", ("beam-1", Quantities.In, 40, 40), ("beam-1", Quantities.Out, 38, 38), ("beam-1", Quantities.Count, 78, 78), ("bme280-1", Quantities.Temperature, 13, 8)),
        new("weather", ("bme280-1", Quantities.Temperature, 12, 8), ("bme280-1", Quantities.Humidity, 70, 20), ("bme280-1", Quantities.Pressure, 1010, 15), ("soil-1", Quantities.Moisture, 35, 15), ("soil-2", Quantities.Moisture, 40, 15)),
        new("air-quality", ("bme280-1", Quantities.Temperature, 12, 8), ("bme280-1", Quantities.Humidity, 70, 20), ("bme280-1", Quantities.Pressure, 1010, 15), ("sds011-1", Quantities.Pm25, 9, 8), ("sds011-1", Quantities.Pm10, 16, 12), ("no2-1", Quantities.No2, 25, 20)),
        new("air-quality-full", ("bme280-1", Quantities.Temperature, 12, 8), ("bme280-1", Quantities.Humidity, 70, 20), ("bme280-1", Quantities.Pressure, 1010, 15), ("pms5003-1", Quantities.Pm1, 5, 4), ("pms5003-1", Quantities.Pm25, 9, 8), ("pms5003-1", Quantities.Pm10, 16, 12), ("no2-1", Quantities.No2, 25, 20), ("o3-1", Quantities.O3, 50, 30)),
    ];

    public string Name { get; }

    public IReadOnlyList<(string Sensor, QuantityDefinition Quantity, double Typical, double Swing)> Channels { get; }

    public int ReadingsPerCycle => Channels.Count;

    /// <summary>One sampling cycle's readings, all captured at <paramref name="capture"/>.</summary>
    public void Sample(DateTimeOffset capture, Random random, List<Reading> into)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var (sensor, quantity, typical, swing) in Channels)
        {
            var value = typical + (random.NextDouble() * 2 - 1) * swing;
            value = quantity.IsInteger ? Math.Round(Math.Max(0, value)) : Math.Round(value, 2);
            into.Add(Reading.Of(sensor, quantity, Math.Clamp(value, quantity.Minimum, quantity.Maximum), capture));
        }
    }
}
