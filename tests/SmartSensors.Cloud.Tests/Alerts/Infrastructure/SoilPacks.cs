using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>Packs with one soil-moisture reading (what a flowerbed gateway sends).</summary>
internal static class SoilPacks
{
    public static byte[] Moisture(string site, string gateway, string sensor, long sequence, double percent, DateTimeOffset capturedAt) =>
        GatewayPackEncoder.Encode(new GatewayPack(gateway, site, sequence, [Reading.Of(sensor, Quantities.Moisture, percent, capturedAt)]));

    /// <summary>Whole seconds, so the capture time survives the SenML round trip exactly.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
