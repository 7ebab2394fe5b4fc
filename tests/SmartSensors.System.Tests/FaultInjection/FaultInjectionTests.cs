using System.Diagnostics;
using System.Globalization;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;
using Xunit.Abstractions;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// The delivery guarantee under fire, with every real process: simulated gateways (<c>smartsensors-edge</c>), mosquitto
/// with persistence, ingest replicas (<c>smartsensors-cloud</c>, ingest role, one shared subscription) and influxd.
/// While readings flow, a seeded random schedule SIGKILLs and restarts each process in turn and freezes the broker
/// (SIGSTOP/SIGCONT) to imitate a network partition. Then the gateways stop producing, their outboxes drain, and every
/// reading a gateway ever committed (recorded by a trigger in its outbox, see <see cref="OutboxAudit"/>) is looked up in
/// InfluxDB: none may be missing, none stored twice or under another timestamp.
/// Short form by default; <c>SMARTSENSORS_FAULT_FULL=1</c> for the full form; <c>SMARTSENSORS_FAULT_SEED</c> to replay.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly Lock Report = new();
    private static readonly string ReportPath = Path.Combine(AppContext.BaseDirectory, "fault-injection-report.txt");

    [Fact]
    public async Task FaultSchedule_EveryProcessKilledAndBrokerPartitioned_NoReadingLostOrDuplicated()
    {
        var settings = FaultSettings.FromEnvironment();
        File.WriteAllText(ReportPath, string.Empty);
        Log($"fault injection: {settings.Describe()}");
        var random = new Random(settings.Seed);
        var wall = Stopwatch.StartNew();
        using var budget = new CancellationTokenSource(settings.Budget);
        var ct = budget.Token;

        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true }, ct);
        await using var influx = await InfluxFixture.StartAsync(ct);
        await influx.CreateDatabaseAsync(IngestReplica.Database, ct);
        using var scratch = new TemporaryDirectory("fault-injection");

        var replicas = Enumerable.Range(1, settings.IngestReplicas).Select(n => new IngestReplica(n, broker, influx, scratch.Path)).ToList();
        var gateways = Enumerable.Range(1, settings.Gateways).Select(n => new SimulatedGateway($"fi-gw-{n}", settings.SensorsPerGateway, broker.Port)).ToList();
        try
        {
            await Task.WhenAll(replicas.Select(r => r.StartAsync(ct)));
            await Task.WhenAll(gateways.Select(g => g.StartFlowingAsync(ct)));
            var flowing = await Poll.UntilAsync(async c => await StoredCountAsync(influx, c) > 0, Patience, TimeSpan.FromMilliseconds(250), ct);
            Assert.True(flowing, $"no reading reached InfluxDB within {Patience.TotalSeconds} s of start-up\n{Diagnostics(broker, influx, replicas, gateways)}");
            Log($"readings flowing after {wall.Elapsed.TotalSeconds:F1} s: {gateways.Count} gateways -> mosquitto -> {replicas.Count} ingest replicas -> influxd");

            // The catalogue: each process in turn.
            var catalogue = new List<Fault>();
            foreach (var gateway in gateways)
            {
                catalogue.Add(new Fault($"SIGKILL gateway {gateway.GatewayId}", async (down, c) =>
                {
                    await gateway.KillAsync(c);
                    await Task.Delay(down, c);
                    await gateway.StartFlowingAsync(c);
                }, settings.MaxDowntime));
            }

            foreach (var replica in replicas)
            {
                catalogue.Add(new Fault($"SIGKILL {replica.Name}", async (down, c) =>
                {
                    await replica.KillAsync(c);
                    await Task.Delay(down, c);
                    await replica.StartAsync(c);
                }, settings.MaxDowntime));
            }

            catalogue.Add(new Fault("SIGKILL mosquitto", async (down, c) =>
            {
                await broker.KillAsync(c);
                await Task.Delay(down, c);
                await broker.RestartAsync(c);
            }, settings.MaxDowntime));
            catalogue.Add(new Fault("SIGKILL influxd", async (down, c) =>
            {
                await influx.KillAsync(c);
                await Task.Delay(down, c);
                await influx.RestartAsync(c);
            }, settings.MaxDowntime));
            catalogue.Add(new Fault("SIGSTOP mosquitto (partition)", async (down, c) =>
            {
                broker.Pause();
                try
                {
                    await Task.Delay(down, c);
                }
                finally
                {
                    broker.Resume();
                }
            }, settings.MaxPartition));

            var schedule = new FaultSchedule(random, settings, Log);
            await schedule.RunAsync(catalogue, ct);
            Log($"faults injected: {schedule.Injected} after {wall.Elapsed.TotalSeconds:F1} s");

            // Stop producing: a clean stop, then a restart with hour-long intervals (one sample per sensor at start-up,
            // then nothing) so the outboxes can drain to empty.
            foreach (var gateway in gateways)
            {
                await gateway.StopAsync(ct);
                await gateway.StartDrainingAsync(ct);
            }

            var drainStarted = wall.Elapsed;
            DeliveryComparison? comparison = null;
            var drained = await Poll.UntilAsync(
                async c =>
                {
                    if (gateways.Any(g => OutboxAudit.Waiting(g.OutboxPath) > 0))
                    {
                        return false;
                    }

                    comparison = await CompareAsync(influx, gateways, c);
                    return comparison.Lost.Count == 0;
                },
                settings.Full ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(90),
                TimeSpan.FromSeconds(1),
                ct);
            Log($"drain {(drained ? "complete" : "INCOMPLETE")} after {(wall.Elapsed - drainStarted).TotalSeconds:F1} s; outboxes waiting: {string.Join(", ", gateways.Select(g => $"{g.GatewayId} {OutboxAudit.Waiting(g.OutboxPath)}"))}");

            // The verdict, reading by reading.
            comparison = await CompareAsync(influx, gateways, ct);
            var evicted = gateways.ToDictionary(g => g.GatewayId, g => OutboxAudit.Evicted(g.OutboxPath));
            var deadLetters = replicas.ToDictionary(r => r.Name, r => r.DeadLetters());
            Log($"RESULT {settings.Describe()}");
            Log($"RESULT faults injected {schedule.Injected}; {comparison.Describe()}; evicted {evicted.Values.Sum()}; dead-lettered {deadLetters.Values.Sum()}; wall time {wall.Elapsed.TotalSeconds:F0} s");
            foreach (var gateway in gateways)
            {
                Log($"  {gateway.GatewayId}: {OutboxAudit.Committed(gateway.OutboxPath)} readings committed");
            }

            if (comparison.Lost.Count > 0)
            {
                Log($"lost readings against the schedule:\n{comparison.AttributeLost(schedule.Events)}");
            }

            var failure = $"{settings.Describe()}\n{comparison.Describe()}\n{comparison.AttributeLost(schedule.Events)}schedule:\n{string.Join('\n', schedule.History)}\n{(comparison.Exact ? string.Empty : Diagnostics(broker, influx, replicas, gateways))}";
            Assert.Equal(catalogue.Count * settings.Rounds, schedule.Injected);
            Assert.True(comparison.Produced >= 100L * gateways.Count, $"only {comparison.Produced} readings produced: the run proves little\n{failure}");
            Assert.All(evicted, e => Assert.True(e.Value == 0, $"{e.Key} evicted {e.Value} readings (outbox bound): not a delivery fault, but the comparison would count them lost"));
            Assert.All(deadLetters, d => Assert.True(d.Value == 0, $"{d.Key} dead-lettered {d.Value} packs from healthy gateways\n{failure}"));
            Assert.True(comparison.Lost.Count == 0, $"LOST {comparison.Lost.Count} readings\n{failure}");
            Assert.True(comparison.WrongValue.Count == 0, $"{comparison.WrongValue.Count} readings stored with another value\n{failure}");
            Assert.True(comparison.Duplicated == 0, $"DUPLICATED {comparison.Duplicated} readings\n{failure}");
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }

            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    private static async Task<DeliveryComparison> CompareAsync(InfluxFixture influx, IReadOnlyList<SimulatedGateway> gateways, CancellationToken cancellationToken)
    {
        // Produced first: anything stored must then have been produced (the audit only grows).
        var produced = gateways.SelectMany(g => OutboxAudit.Produced(g.GatewayId, g.OutboxPath)).ToList();
        var stored = await StoredReadings.ReadAsync(influx, IngestReplica.Database, gateways.Select(g => g.GatewayId), cancellationToken);
        return DeliveryComparison.Compare(produced, stored);
    }

    private static async Task<long> StoredCountAsync(InfluxFixture influx, CancellationToken cancellationToken) =>
        await influx.CountAsync(IngestReplica.Database, "gateway_health", "outbox_depth", cancellationToken);

    private static string Diagnostics(MosquittoFixture broker, InfluxFixture influx, IEnumerable<IngestReplica> replicas, IEnumerable<SimulatedGateway> gateways)
    {
        var parts = new List<string> { $"--- mosquitto ---\n{Tail(broker.RecentOutput)}", $"--- influxd ---\n{Tail(influx.RecentOutput)}" };
        parts.AddRange(replicas.Select(r => $"--- {r.Name} ---\n{Tail(r.RecentOutput)}"));
        parts.AddRange(gateways.Select(g => $"--- {g.GatewayId} ---\n{Tail(g.RecentOutput)}"));
        return string.Join('\n', parts);
    }

    private static string Tail(string text, int lines = 40) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private void Log(string line)
    {
        output.WriteLine(line);
        lock (Report)
        {
            // Also kept in a file beside the test assembly, for runs whose logger hides passing tests' output.
            File.AppendAllText(ReportPath, line + Environment.NewLine);
        }
    }
}
