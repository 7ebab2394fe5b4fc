using System.Globalization;
using SmartSensors.Edge.Tests.Support;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;
using Xunit.Abstractions;

namespace SmartSensors.Edge.Tests.Integration;

/// <summary>
/// The broker (real mosquitto, persistence on, the witness on a persistent QoS 1 session) is stopped while the gateway
/// (child process, 20 simulated sensors at 1 s) keeps sampling; the outbox is bounded at 64 KiB, so it fills and evicts.
/// When the broker returns, the readings arrive in capture order with their capture times, the newest kept, the oldest
/// evicted, and the eviction count arrives in a gateway_health reading.
/// Outage length: <c>SMARTSENSORS_OUTAGE_SECONDS</c> (default 180: "several minutes"; the eviction bound makes longer outages behave the same).
/// </summary>
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private const string Site = "test-site";
    private const string Gateway = "outage-gw";
    private const int Sensors = 20;
    private const long OutboxBytes = 64 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static TimeSpan OutageLength =>
        int.TryParse(Environment.GetEnvironmentVariable("SMARTSENSORS_OUTAGE_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(180);

    [Fact]
    public async Task BrokerStopped_WhileSampling_ReadingsArriveInOrderWithCaptureTimesAndEvictionsAreReported()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true });
        using var directory = new TemporaryDirectory("edge-outage");
        var outboxPath = directory.File("outbox.db");
        var config = EdgeTestConfig.Write(directory.File("gateway.json"), outboxPath, broker.Port, Sensors, maxOutboxBytes: OutboxBytes, gatewayId: Gateway, site: Site);
        await using var witness = await MosquittoSubRecorder.StartAsync(broker, directory.File("received.txt"), "outage-witness");
        await using var gateway = EdgeGatewayProcess.Start(config, "gateway", directory.Path);

        await witness.WaitUntilAsync(w => w.Readings(Site, Gateway).Count >= 200, Patience, "200 readings before the outage");

        // Outage: long enough to overflow the 64 KiB outbox (about 1,300 readings, 20 s of sampling here).
        var stoppedAt = DateTimeOffset.UtcNow;
        await broker.StopAsync();
        using (var outage = new CancellationTokenSource(OutageLength))
        {
            await gateway.Exited.WaitAsync(outage.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Assert.False(gateway.HasExited, gateway.Describe("exited during the outage"));
        var evictedDuringOutage = OutboxSnapshot.Evicted(outboxPath);
        var restartedAt = DateTimeOffset.UtcNow;
        await broker.RestartAsync();

        // A health reading taken after the broker came back reports the evictions.
        await witness.WaitUntilAsync(
            w => w.Readings(Site, Gateway).Any(r => r is { Sensor: "gateway", Quantity: "evicted" } && r.CaptureTicks > restartedAt.UtcTicks && r.Value > 0),
            Patience,
            "a gateway_health 'evicted' reading taken after the outage");
        await gateway.StopAsync(TimeSpan.FromSeconds(20));

        var received = witness.Readings(Site, Gateway);
        output.WriteLine($"outage {OutageLength.TotalSeconds} s; {evictedDuringOutage} evicted during it; {received.Count} readings received");
        Assert.True(evictedDuringOutage > 0, "the 64 KiB outbox should have overflowed during the outage");
        Assert.Contains(received, r => r is { Sensor: "gateway", Quantity: "evicted" } && r.Value >= evictedDuringOutage);

        // In order: per series, first arrivals are in strictly increasing capture time.
        foreach (var series in received.GroupBy(r => (r.Sensor, r.Quantity)))
        {
            var firstArrivals = series.DistinctBy(r => r.CaptureTicks).Select(r => r.CaptureTicks).ToList();
            Assert.True(firstArrivals.SequenceEqual(firstArrivals.Order()), $"{series.Key} arrived out of capture order");
        }

        // Original capture times: readings taken while the broker was down arrive stamped with those times, and
        // the newest ones were kept (only the oldest are evicted): every sensor has readings from the last
        // 5 s before the broker came back.
        var duringOutage = received.Where(r => r.CaptureTicks > stoppedAt.UtcTicks && r.CaptureTicks < restartedAt.UtcTicks && r.Sensor != "gateway").ToList();
        Assert.NotEmpty(duringOutage);
        for (var i = 0; i < Sensors; i++)
        {
            var sensor = $"s{i:D2}";
            Assert.Contains(duringOutage, r => r.Sensor == sensor && r.CaptureTicks > (restartedAt - TimeSpan.FromSeconds(5)).UtcTicks);
        }

        // The oldest were evicted: the first seconds of the outage are missing for every sensor.
        var evictedSpan = TimeSpan.FromSeconds(evictedDuringOutage / (Sensors * 3.0) * 0.5);
        Assert.DoesNotContain(duringOutage, r => r.CaptureTicks > (stoppedAt + TimeSpan.FromSeconds(2)).UtcTicks && r.CaptureTicks < (stoppedAt + evictedSpan).UtcTicks);
    }
}
