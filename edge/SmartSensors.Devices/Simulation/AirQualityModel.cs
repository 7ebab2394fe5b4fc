namespace SmartSensors.Devices.Simulation;

/// <summary>
/// Street-side air: PM2.5 background of ~6 µg/m³, weekday rush-hour peaks (08:15 and 17:30, about +18 and +15),
/// and a two-day pollution episode once a week (background up by ~38 µg/m³) that pushes the 24-hour mean past
/// the DAQI "moderate" band (PM2.5 > 35). PM10 ≈ 1.5 × PM2.5 + 4; PM1 ≈ 0.65 × PM2.5. Also temperature,
/// humidity, pressure and CO₂ for BME280/SCD4x. Pure functions of time (UTC used as local time) and seed.
/// </summary>
public sealed class AirQualityModel
{
    private readonly ulong _seed;
    private readonly double _episodeOffsetDays;

    public AirQualityModel(ulong seed)
    {
        _seed = seed;
        _episodeOffsetDays = 7.0 * DeterministicNoise.Uniform(seed, -3);
    }

    public double Pm25(DateTimeOffset t)
    {
        var noise = 1.5 * DeterministicNoise.Gaussian(_seed, Minute(t));
        return Math.Max(0.5, 6.0 + Episode(t) + Traffic(t) + noise);
    }

    public double Pm10(DateTimeOffset t) => Math.Max(1.0, (1.5 * Pm25(t)) + 4.0 + (2.0 * DeterministicNoise.Gaussian(_seed ^ 0xA5, Minute(t))));

    public double Pm1(DateTimeOffset t) => 0.65 * Pm25(t);

    /// <summary>Outdoor CO₂ near traffic, ppm.</summary>
    public double Co2(DateTimeOffset t) => 418.0 + (2.5 * Traffic(t)) + (3.0 * DeterministicNoise.Gaussian(_seed ^ 0xC0, Minute(t)));

    public double TemperatureCelsius(DateTimeOffset t) => 11.0 + (5.0 * Math.Sin(2 * Math.PI * (Hour(t) - 9.0) / 24.0)) + (0.2 * DeterministicNoise.Gaussian(_seed ^ 0x7E, Minute(t)));

    public double HumidityPercent(DateTimeOffset t) => Math.Clamp(76.0 - (14.0 * Math.Sin(2 * Math.PI * (Hour(t) - 9.0) / 24.0)) + DeterministicNoise.Gaussian(_seed ^ 0x4E, Minute(t)), 5, 99);

    public double PressurePascal(DateTimeOffset t) => 101_300.0 + (1_200.0 * Math.Sin(2 * Math.PI * Days(t) / 4.3)) + (5.0 * DeterministicNoise.Gaussian(_seed ^ 0x9A, Minute(t)));

    /// <summary>Traffic contribution (weekday rush hours; weekends 40 %).</summary>
    public static double Traffic(DateTimeOffset t)
    {
        var h = Hour(t);
        var peaks = (18.0 * Bell(h, 8.25, 1.0)) + (15.0 * Bell(h, 17.5, 1.2)) + (4.0 * Bell(h, 13.0, 2.5));
        return t.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.4 * peaks : peaks;
    }

    private double Episode(DateTimeOffset t)
    {
        var phase = (Days(t) + _episodeOffsetDays) % 7.0;
        return phase < 2.0 ? 38.0 * Math.Pow(Math.Sin(Math.PI * phase / 2.0), 2) : 0.0;
    }

    private static double Bell(double x, double mean, double sigma) => Math.Exp(-0.5 * Math.Pow((x - mean) / sigma, 2));

    private static double Days(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 86_400_000.0;

    private static double Hour(DateTimeOffset t) => Days(t) % 1.0 * 24.0;

    private static long Minute(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 60_000;
}
