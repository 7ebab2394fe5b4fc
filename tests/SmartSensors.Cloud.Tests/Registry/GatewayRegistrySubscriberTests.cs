using System.Text;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Registry;

/// <summary>The registry kept from retained status topics on a real mosquitto, published by mosquitto_pub.</summary>
public sealed class GatewayRegistrySubscriberTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _scratch = new("registry-tests");
    private MosquittoFixture _broker = null!;
    private InfluxFixture _influx = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoFixture.StartAsync();
        _influx = await InfluxFixture.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _influx.DisposeAsync();
        await _broker.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Registry_RetainedStatusBeforeStartAndLiveChanges_KeptCurrent()
    {
        var birth = new GatewayStatus(
            GatewayState.Online, "park", "gw-1", "2.0.1", DateTimeOffset.FromUnixTimeSeconds(1_760_000_000),
            [new SensorInventoryItem("sds011-1", "sds011", SensorKind.AirQuality, ["pm2_5", "pm10"])],
            new GatewayLocation(53.0468, -2.9925));
        // Retained before the cloud starts: the registry learns it from the broker's retained store.
        await PublishRetainedAsync(Topics.Status("park", "gw-1"), GatewayStatusCodec.Encode(birth));
        // A spoofed status (the topic names gw-2, the body gw-1) and garbage are refused, not applied.
        await PublishRetainedAsync(Topics.Status("park", "gw-2"), GatewayStatusCodec.Encode(birth));
        await PublishRetainedAsync(Topics.Status("park", "gw-3"), Encoding.UTF8.GetBytes("{\"state\":\"sideways\"}"));

        var logs = new CapturedLogs();
        await using var host = await CloudTestHost.StartAsync(CloudTestHost.Settings(_broker, _influx, "registry", "ss-ingest-registry"), logs: logs);
        // 6203: a status applied; 6202: a status refused (two expected).
        await logs.WaitForEventAsync(id => id == 6203, Long);
        await logs.WaitForCountAsync(6202, 2, Long);

        var record = Assert.Single(host.Registry.List());
        Assert.Equal(("park", "gw-1", GatewayState.Online, "2.0.1"), (record.Site, record.Gateway, record.State, record.Version));
        var sensor = Assert.Single(record.Sensors);
        Assert.Equal(("sds011-1", "sds011", SensorKind.AirQuality), (sensor.SensorId, sensor.Model, sensor.Kind));
        Assert.Equal(["pm2_5", "pm10"], sensor.Quantities);
        Assert.Equal(birth.Location, record.Location);
        Assert.Equal(birth.StartedAt, record.LastSeen);

        // The gateway's will fires: offline, inventory kept.
        await PublishRetainedAsync(Topics.Status("park", "gw-1"), GatewayStatusCodec.Encode(GatewayStatus.Offline("park", "gw-1")));
        await logs.WaitForCountAsync(6203, 2, Long);
        Assert.True(host.Registry.TryGet("park", "gw-1", out var offline));
        Assert.Equal(GatewayState.Offline, offline.State);
        Assert.Equal("2.0.1", offline.Version);
    }

    private async Task PublishRetainedAsync(string topic, byte[] payload)
    {
        var file = _scratch.File($"status-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, payload);
        await using var process = ChildProcess.Start(
            RequiredTool.Find("mosquitto_pub", "mosquitto-clients"),
            ["-h", _broker.Host, "-p", _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-r", "-t", topic, "-f", file],
            "mosquitto_pub -r");
        Assert.Equal(0, await process.WaitForExitAsync(Long));
    }
}
