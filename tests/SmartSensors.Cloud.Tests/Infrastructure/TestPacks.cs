using System.Globalization;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>
/// Deterministic 8-reading packs: weather (temperature, humidity, pressure), air quality (pm2_5, pm10, no2), soil
/// moisture and a footfall count — four InfluxDB points per pack. Values are exact in binary so they can be compared
/// for equality after the round trip through JSON and InfluxDB. Capture time = <c>start + sequence seconds</c>.
/// </summary>
internal static class TestPacks
{
    public const int ReadingsPerPack = 8;

    public const int PointsPerPack = 4;

    public static string GatewayId(int index) => string.Create(CultureInfo.InvariantCulture, $"gw-{index:D3}");

    public static DateTimeOffset CaptureTime(DateTimeOffset start, long sequence) => start.AddSeconds(sequence);

    public static double Temperature(long sequence) => 10 + (sequence % 80) / 4.0;

    public static double Humidity(long sequence) => 40 + (sequence % 40) / 2.0;

    public static double Pressure(long sequence) => 1000 + (sequence % 50);

    public static double Pm25(long sequence) => (sequence % 64) / 8.0;

    public static long Count(long sequence) => sequence % 1000;

    public static GatewayPack Pack(string site, string gateway, long sequence, DateTimeOffset start)
    {
        var t = CaptureTime(start, sequence);
        return new GatewayPack(gateway, site, sequence,
        [
            Reading.Of("bme280-1", Quantities.Temperature, Temperature(sequence), t),
            Reading.Of("bme280-1", Quantities.Humidity, Humidity(sequence), t),
            Reading.Of("bme280-1", Quantities.Pressure, Pressure(sequence), t),
            Reading.Of("sds011-1", Quantities.Pm25, Pm25(sequence), t),
            Reading.Of("sds011-1", Quantities.Pm10, Pm25(sequence) * 2, t),
            Reading.Of("sds011-1", Quantities.No2, 12.5, t),
            Reading.Of("soil-1", Quantities.Moisture, 30 + (sequence % 20), t),
            Reading.Of("beam-1", Quantities.Count, Count(sequence), t),
        ]);
    }

    public static byte[] Encode(string site, string gateway, long sequence, DateTimeOffset start) =>
        GatewayPackEncoder.Encode(Pack(site, gateway, sequence, start));

    /// <summary>Whole seconds in the past, so capture times are neither in the future nor older than the decoder allows.</summary>
    public static DateTimeOffset RecentStart(TimeSpan before) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - before;
}
