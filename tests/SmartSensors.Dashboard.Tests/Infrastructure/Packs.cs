using SmartSensors.Contracts;

namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>Readings as gateways send them, at whole seconds (capture times survive SenML exactly).</summary>
internal static class Packs
{
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public static Reading Moisture(string bed, double percent, DateTimeOffset at) => Reading.Of(bed, Quantities.Moisture, percent, at);

    public static Reading Level(string sensor, double metres, DateTimeOffset at) => Reading.Of(sensor, Quantities.Level, metres, at);

    public static Reading No2(string sensor, double microgramsPerCubicMetre, DateTimeOffset at) => Reading.Of(sensor, Quantities.No2, microgramsPerCubicMetre, at);

    /// <summary>Publishes a bed that has been dry (below 25 %) for longer than the test host's 10-minute sustain:
    /// one pack every 5 minutes over the last 20 minutes, so the watering rule raises its alert.</summary>
    public static async Task DryBedAsync(MqttPublisher publisher, string site, string gateway, string bed, double percent)
    {
        var now = Now();
        for (var minutesAgo = 20; minutesAgo >= 0; minutesAgo -= 5)
        {
            await publisher.ReadingsAsync(site, gateway, Moisture(bed, percent, now.AddMinutes(-minutesAgo)));
        }
    }
}
