using SmartSensors.Edge.Tests.Support;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Edge.Tests.Integration;

/// <summary>
/// A PUBACK with 0x10 "No matching subscribers" is a success code in MQTT 5, but nobody took the readings: while no
/// cloud ingest is subscribed (not deployed yet, or its subscriptions not restored after a broker restart) the gateway
/// must keep them in its outbox and send them again, not delete them.
/// </summary>
public sealed class NoSubscriberTests
{
    private const string Site = "test-site";
    private const string Gateway = "lonely-gw";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Publish_NobodySubscribed_ReadingsKeptAndDeliveredOnceSomeoneSubscribes()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var directory = new TemporaryDirectory("edge-no-subscriber");
        var outboxPath = directory.File("outbox.db");
        var config = EdgeTestConfig.Write(directory.File("gateway.json"), outboxPath, broker.Port, sensors: 2, gatewayId: Gateway, site: Site);
        await using var gateway = EdgeGatewayProcess.Start(config, "gateway", directory.Path);

        // The broker answers the first packs "no matching subscribers": the gateway says so and keeps them. Every
        // reading captured before that answer was in a refused pack.
        await gateway.WaitForLineAsync(l => l.Contains("no subscriber for the readings", StringComparison.Ordinal), Patience);
        var refusedBy = DateTimeOffset.UtcNow.UtcTicks;
        var kept = OutboxSnapshot.Keys(outboxPath);
        Assert.Contains(kept, k => k.CaptureTicks < refusedBy);

        // An ingest arrives: the readings of the refused packs are delivered to it — each sensor's first readings too.
        await using var witness = await MosquittoSubRecorder.StartAsync(broker, directory.File("received.txt"), "late-ingest");
        await witness.WaitUntilAsync(
            w =>
            {
                var received = w.Readings(Site, Gateway);
                return received.Select(r => r.Key).ToHashSet().IsSupersetOf(kept)
                    && new[] { "s00", "s01" }.All(sensor => received.Any(r => r.Sensor == sensor && r.CaptureTicks < refusedBy));
            },
            Patience,
            $"the {kept.Count} readings kept while nobody was subscribed, and each sensor's readings from before the refusal");
        await gateway.StopAsync(TimeSpan.FromSeconds(20));
    }
}
