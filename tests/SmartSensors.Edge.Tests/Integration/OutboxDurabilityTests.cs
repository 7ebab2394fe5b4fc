using SmartSensors.Edge.Tests.Support;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;
using Xunit.Abstractions;

namespace SmartSensors.Edge.Tests.Integration;

/// <summary>
/// The gateway as a child process, a real mosquitto, and mosquitto_sub as the witness. The gateway is SIGKILLed while
/// sampling 20 sensors (60 readings/s plus health) and publishing with packs in flight; then restarted.
/// <para>
/// What "committed before the kill" means, exactly: a reading was committed iff it is in the outbox database on disk
/// after the kill (committed, not yet acknowledged) or the broker acknowledged it (deleted after PUBACK, so the witness
/// received it before the restart). The test reads the database after the kill and checks, after the restart:
/// every reading left in the outbox arrives; a reading is received twice only if it was still in the outbox at the kill
/// (sent, PUBACK not yet processed: QoS 1 is at-least-once), never otherwise; and pack sequence numbers are never reused.
/// </para>
/// </summary>
public sealed class OutboxDurabilityTests(ITestOutputHelper output)
{
    private const string Site = "test-site";
    private const string Gateway = "durable-gw";
    private const int ReadingsPerPack = 20;
    private const int MaxPacksInFlight = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigkill_WhileSampling_AtLeastOnce_EveryCommittedReadingIsPublishedAfterRestart()
    {
        var run = await KillAndRestartAsync(delivery: "AtLeastOnce");
        var counts = run.Counts();

        // Exactly once, except what QoS 1 allows: only readings still unacknowledged at the kill may come twice.
        var duplicates = counts.Where(c => c.Value > 1).ToList();
        Assert.All(duplicates, d => Assert.True(run.Pending.Contains(d.Key) && d.Value == 2, $"reading {d.Key} received {d.Value} times but was not pending at the kill"));
        Assert.True(duplicates.Count <= ReadingsPerPack * MaxPacksInFlight, $"{duplicates.Count} duplicates, more than the in-flight window");
        output.WriteLine($"{duplicates.Count} readings re-sent after the restart (QoS 1 at-least-once)");
    }

    [Fact]
    public async Task Sigkill_WhileSampling_ExactlyOnce_EveryCommittedReadingIsPublishedExactlyOnce()
    {
        var run = await KillAndRestartAsync(delivery: "ExactlyOnce");
        var counts = run.Counts();

        // QoS 2 with the flow state in the outbox: the packs in flight at the kill are resumed with their packet
        // identifiers, and the broker delivers none of them twice.
        Assert.All(counts, c => Assert.True(c.Value == 1, $"reading {c.Key} received {c.Value} times"));
        Assert.True(run.StoredPacksAtKill > 0, "no QoS 2 pack was in flight at the kill: the test did not exercise a resume");
        output.WriteLine($"{run.StoredPacksAtKill} QoS 2 packs were in flight at the kill; every reading received once");
    }

    /// <summary>
    /// First life until 300 readings arrived; then the broker is frozen (SIGSTOP) so that acknowledgements stop, packs are
    /// in flight and unsent readings pile up; the gateway is SIGKILLed in that state and the broker resumed. Second life
    /// until every reading left in the outbox and a new one arrived. Checks what holds in both delivery modes.
    /// </summary>
    private async Task<KillRun> KillAndRestartAsync(string delivery)
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var directory = new TemporaryDirectory("edge-durability");
        var outboxPath = directory.File("outbox.db");
        var config = EdgeTestConfig.Write(
            directory.File("gateway.json"), outboxPath, broker.Port, sensors: 20, readingsPerPack: ReadingsPerPack, maxPacksInFlight: MaxPacksInFlight, gatewayId: Gateway, site: Site,
            broker: b => b["Delivery"] = delivery);
        await using var witness = await MosquittoSubRecorder.StartAsync(broker, directory.File("received.txt"), "durability-witness");

        var first = EdgeGatewayProcess.Start(config, "gateway (first life)", directory.Path);
        await using (first)
        {
            await witness.WaitUntilAsync(w => w.Readings(Site, Gateway).Count >= 300, Patience, "300 readings from the first life");
            broker.Pause();
            try
            {
                await WaitForOutboxDepthAsync(outboxPath, 300);
                await first.KillAsync();
            }
            finally
            {
                broker.Resume();
            }
        }

        var killedAt = DateTimeOffset.UtcNow;
        var receivedBeforeRestart = witness.Readings(Site, Gateway);
        var lastSequenceFirstLife = receivedBeforeRestart.Max(r => r.Sequence);
        var pending = OutboxSnapshot.Keys(outboxPath);
        var storedPacks = OutboxSnapshot.StoredPackCount(outboxPath);
        output.WriteLine($"after SIGKILL: {receivedBeforeRestart.Count} readings received, {pending.Count} committed but unacknowledged in the outbox, {storedPacks} QoS 2 packs recorded");

        var second = EdgeGatewayProcess.Start(config, "gateway (second life)", directory.Path);
        await using (second)
        {
            await witness.WaitUntilAsync(
                w =>
                {
                    var keys = w.Readings(Site, Gateway).Select(r => r.Key).ToHashSet();
                    return pending.All(keys.Contains);
                },
                Patience,
                $"the {pending.Count} readings left in the outbox at the kill");
            await witness.WaitUntilAsync(
                w => w.Readings(Site, Gateway).Any(r => r.Sequence > lastSequenceFirstLife && r.CaptureTicks > killedAt.UtcTicks),
                Patience,
                "a reading sampled by the second life");
            await second.StopAsync(TimeSpan.FromSeconds(20));
        }

        var received = witness.Readings(Site, Gateway);
        var run = new KillRun(pending, receivedBeforeRestart, received, storedPacks);
        var counts = run.Counts();

        Assert.NotEmpty(pending);

        // Every reading committed before the kill was published: acknowledged ones before it, pending ones after.
        Assert.All(pending, key => Assert.True(counts.ContainsKey(key), $"reading {key} was committed before the kill but never published"));

        // Readings acknowledged before the kill are not sent again.
        var acknowledgedBeforeKill = receivedBeforeRestart.Select(r => r.Key).Where(k => !pending.Contains(k)).ToHashSet();
        Assert.All(acknowledgedBeforeKill, key => Assert.Equal(1, counts[key]));

        // Pack sequence numbers: never reused, increasing across the restart; a re-sent pack is the same pack.
        var packs = received.Select(r => r.Sequence).Distinct().ToList();
        Assert.Equal(packs.Order().ToList(), packs);
        Assert.All(received.GroupBy(r => r.Sequence), g => Assert.Single(g.Select(r => r.Line).Distinct()));
        Assert.Contains(received, r => r.Sequence > lastSequenceFirstLife);
        output.WriteLine($"received {received.Count} readings in {packs.Count} packs");
        return run;
    }

    private static async Task WaitForOutboxDepthAsync(string outboxPath, int depth)
    {
        // The outbox is a file on disk: poll it (no event to await) until the backlog is there, within the usual patience.
        using var deadline = new CancellationTokenSource(Patience);
        while (OutboxSnapshot.Keys(outboxPath).Count < depth)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    private sealed record KillRun(HashSet<(string Sensor, string Quantity, long CaptureTicks)> Pending, List<ReceivedReading> ReceivedBeforeRestart, List<ReceivedReading> Received, int StoredPacksAtKill)
    {
        public Dictionary<(string Sensor, string Quantity, long CaptureTicks), int> Counts() => Received.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Count());
    }
}
