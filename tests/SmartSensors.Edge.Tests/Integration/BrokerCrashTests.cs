using SmartSensors.Edge.Tests.Support;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;
using Xunit.Abstractions;

namespace SmartSensors.Edge.Tests.Integration;

/// <summary>
/// mosquitto acknowledges a PUBLISH before it saves it (persistence is written every <c>autosave_interval</c>). Killed in
/// between, it restarts from the older file without the packs it acknowledged, which the gateway has already deleted
/// from its outbox. The gateway's replay window sends those packs again after it reconnects.
/// </summary>
public sealed class BrokerCrashTests(ITestOutputHelper output)
{
    private const string Site = "test-site";
    private const string Gateway = "crash-gw";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BrokerKilledBeforeSaving_AcknowledgedPacksAreSentAgainAfterReconnect()
    {
        // Saves only on a clean shutdown within this test.
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true, AutosaveIntervalSeconds = 3600 });
        using var directory = new TemporaryDirectory("edge-broker-crash");

        // The consumer (like the cloud ingest): a persistent QoS 1 session, saved in the broker's file, then offline, so
        // that the gateway's packs wait for it in the broker's memory.
        await (await MosquittoSubRecorder.StartAsync(broker, directory.File("before.txt"), "crash-consumer")).DisposeAsync();
        await broker.RestartAsync();

        var outboxPath = directory.File("outbox.db");
        var config = EdgeTestConfig.Write(directory.File("gateway.json"), outboxPath, broker.Port, sensors: 5, gatewayId: Gateway, site: Site);
        await using var live = await MosquittoSubRecorder.StartAsync(broker, directory.File("live.txt"), "crash-live");
        await using var gateway = EdgeGatewayProcess.Start(config, "gateway", directory.Path);

        // Readings the broker took (and so acknowledged): it passed them on to a live subscriber.
        await live.WaitUntilAsync(w => w.Readings(Site, Gateway).Count >= 100, Patience, "100 readings through the broker");
        await broker.KillAsync();
        var takenBeforeKill = live.Readings(Site, Gateway).Select(r => (r.Sensor, r.Quantity, r.CaptureTicks)).ToHashSet();
        await broker.RestartAsync();

        await using var consumer = await MosquittoSubRecorder.StartAsync(broker, directory.File("after.txt"), "crash-consumer");
        await consumer.WaitUntilAsync(
            c => takenBeforeKill.IsSubsetOf(c.Readings(Site, Gateway).Select(r => (r.Sensor, r.Quantity, r.CaptureTicks))),
            Patience,
            $"the {takenBeforeKill.Count} readings the broker had taken before it was killed");

        Assert.False(gateway.HasExited, gateway.Describe("exited"));
        output.WriteLine($"{takenBeforeKill.Count} readings taken before the kill; all reached the consumer after the restart");
    }
}
