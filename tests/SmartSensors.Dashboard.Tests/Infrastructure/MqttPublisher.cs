using System.Globalization;
using SmartSensors.Contracts;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>Publishes gateway packs and status messages with <c>mosquitto_pub</c> (a separate client, not ours) at QoS 1,
/// as a gateway would.</summary>
internal sealed class MqttPublisher(MosquittoFixture broker, TemporaryDirectory scratch)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private long _sequence;

    /// <summary>Publishes one pack with the given readings of one gateway.</summary>
    public Task ReadingsAsync(string site, string gateway, params Reading[] readings) =>
        PublishAsync(Topics.Readings(site, gateway), GatewayPackEncoder.Encode(new GatewayPack(gateway, site, Interlocked.Increment(ref _sequence), readings)), retain: false);

    /// <summary>Publishes a gateway's retained online status with its location.</summary>
    public Task OnlineAsync(string site, string gateway, double latitude, double longitude, params SensorInventoryItem[] sensors) =>
        PublishAsync(
            Topics.Status(site, gateway),
            GatewayStatusCodec.Encode(new GatewayStatus(GatewayState.Online, site, gateway, "1.0.0", DateTimeOffset.UtcNow, sensors, new GatewayLocation(latitude, longitude))),
            retain: true);

    private async Task PublishAsync(string topic, byte[] payload, bool retain)
    {
        var tool = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
        var file = scratch.File($"payload-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, payload);
        var arguments = new List<string> { "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-f", file };
        if (retain)
        {
            arguments.Add("-r");
        }

        await using var process = ChildProcess.Start(tool, arguments, $"mosquitto_pub {topic}");
        var exit = await process.WaitForExitAsync(Timeout);
        Assert.True(exit == 0, process.Describe($"exited with {exit}"));
    }
}
