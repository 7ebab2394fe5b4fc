using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>
/// Fleet load: N simulated gateways (our MQTT client, one connection each, persistent sessions, QoS 1) publish live
/// packs at a scaled-down sampling period to a real mosquitto, the real <c>smartsensors-cloud</c> (ingest role, child
/// process, its shipped appsettings.json) writes them to a real influxd. After a steady phase, M gateways that were
/// "offline" replay a day of backlog the way the edge uplink drains its outbox. Measured: readings/s offered vs
/// ingested, live lag capture → stored (the ingest's own <c>smartsensors.ingest.lag</c>, read in-process by
/// <see cref="IngestProbe"/>), burst drain time, ingest GC heap / working set, mosquitto CPU; and, in the same run, the
/// same burst drained by <c>mosquitto_sub</c> instead of the ingestor. Finally InfluxDB must hold exactly the
/// readings the broker acknowledged.
/// Usage: <c>fleet-load [--gateways 1000] [--minutes 2] [--outage-gateways 100] [--outage-hours 24] [--speedup 60]
/// [--warmup 20] [--in-flight 32] [--replay-pack-readings 100] [--seed 1] [--replicas 1] [--no-reference] [--perf-map] [--cloud path]</c>.
/// </summary>
internal static class FleetLoadHarness
{
    private const string Database = "fleet";
    private const string IngestClientId = "ss-ingest-fleet";
    private const double ReplayLagSeconds = 60;
    private static readonly TimeSpan RealSamplingPeriod = TimeSpan.FromSeconds(60);
    
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var gatewayCount = IntArg(args, "--gateways", 1000);
        var minutes = DoubleArg(args, "--minutes", 2);
        var outageCount = IntArg(args, "--outage-gateways", 100);
        var outageHours = DoubleArg(args, "--outage-hours", 24);
        var speedup = DoubleArg(args, "--speedup", 60);
        var warmupSeconds = DoubleArg(args, "--warmup", 20);
        var inFlight = IntArg(args, "--in-flight", 32);
        var replayPackReadings = IntArg(args, "--replay-pack-readings", 100);
        var seed = IntArg(args, "--seed", 1);
        var reference = !args.Contains("--no-reference");
        var perfMap = args.Contains("--perf-map");
        var replicaCount = IntArg(args, "--replicas", 1);
        if (gatewayCount is < 1 or > 10_000 || outageCount < 0 || outageCount > gatewayCount || minutes <= 0 || outageHours <= 0 || outageHours > 24 * 30
            || speedup is < 1 or > 6000 || replicaCount is < 1 or > 8 || warmupSeconds < 0 || inFlight is < 1 or > 1000 || replayPackReadings is < 1 or > 1000)
        {
            await Console.Error.WriteLineAsync("--gateways 1..10000, --outage-gateways 0..gateways, --minutes > 0, --outage-hours 0..720, --speedup 1..6000, --warmup ≥ 0, --in-flight 1..1000, --replay-pack-readings 1..1000, --replicas 1..8.").ConfigureAwait(false);
            return 2;
        }

        var cloud = StringArg(args, "--cloud") ?? FindCloudAssembly();
        if (cloud is null || !File.Exists(cloud))
        {
            await Console.Error.WriteLineAsync("smartsensors-cloud.dll not found: build it (dotnet build -c Release cloud/SmartSensors.Cloud) or pass --cloud <path>.").ConfigureAwait(false);
            return 2;
        }

        var loadAtStart = ProcStat.LoadAverage();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(90));
        var ct = cancellation.Token;
        var report = new StringBuilder();
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true, AutosaveIntervalSeconds = 60 }, ct).ConfigureAwait(false);
        await using var influx = await InfluxFixture.StartAsync(ct).ConfigureAwait(false);
        await influx.CreateDatabaseAsync(Database, ct).ConfigureAwait(false);
        using var work = new TemporaryDirectory("fleet-load");

        // The product binary, as shipped (its appsettings.json applies: batch 5000 points, flush 100 ms, receive maximum
        // 8192), with only what this machine needs overridden; the probe rides along as a startup hook.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["SmartSensors__Roles"] = "ingest",
            ["Mqtt__Host"] = broker.Host,
            ["Mqtt__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Influx__Url"] = influx.BaseAddress.ToString(),
            ["Influx__Database"] = Database,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__SmartSensors.Cloud.Ingest.IngestService"] = "Information",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["DOTNET_STARTUP_HOOKS"] = typeof(FleetLoadHarness).Assembly.Location,
            [IngestProbe.ReplayLagVariable] = ReplayLagSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (perfMap)
        {
            // For `perf record -g -p <ingest pid>`: the runtime writes /tmp/perf-<pid>.map so JIT-compiled frames have names.
            environment["DOTNET_PerfMapEnabled"] = "1";
            // Without W^X double mapping JIT code sits in anonymous memory, where perf looks the map up.
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        // One process per replica, all in the same shared-subscription group, each its own client id and probe file.
        var dotnet = RequiredTool.Find("dotnet", "dotnet-sdk-10.0");
        var clientIds = Enumerable.Range(0, replicaCount).Select(i => replicaCount == 1 ? IngestClientId : string.Create(CultureInfo.InvariantCulture, $"{IngestClientId}-{i}")).ToList();
        var statsFiles = clientIds.Select(id => work.File($"{id}.probe.log")).ToList();
        var replicas = new List<ChildProcess>(replicaCount);
        var probes = new List<ProbeLog>(replicaCount);
        var ingestStopped = false;
        try
        {
            for (var i = 0; i < replicaCount; i++)
            {
                var replicaEnvironment = new Dictionary<string, string>(environment)
                {
                    ["Ingest__ClientId"] = clientIds[i],
                    ["DeadLetters__Path"] = work.File($"{clientIds[i]}.dead-letters.db"),
                    [IngestProbe.StatsVariable] = statsFiles[i],
                };
                replicas.Add(ChildProcess.Start(dotnet, [cloud], $"smartsensors-cloud (ingest {clientIds[i]})", Path.GetDirectoryName(cloud), replicaEnvironment));
            }

            foreach (var replica in replicas)
            {
                await replica.WaitForLineAsync(l => l.Contains("Ingest subscribed", StringComparison.Ordinal), TimeSpan.FromSeconds(90), ct).ConfigureAwait(false);
            }

            probes.AddRange(statsFiles.Select(f => new ProbeLog(f)));
            var ingestPids = replicas.Select(r => r.Id).ToList();
            var run = new FleetMonitor(probes, broker.ProcessId, ingestPids, influx.ProcessId);

            // The fleet: 10 gateways per site; the outage gateways are whole sites (an area that lost its uplink).
            var profiles = GatewayProfile.All;
            var gateways = new List<SimulatedGateway>(gatewayCount);
            for (var g = 0; g < gatewayCount; g++)
            {
                var site = string.Create(CultureInfo.InvariantCulture, $"site-{g / 10:D3}");
                var id = string.Create(CultureInfo.InvariantCulture, $"gw-{g:D4}");
                var options = new MqttClientOptions
                {
                    Host = broker.Host,
                    Port = broker.Port,
                    ClientId = "fleet-" + id,
                    CleanStart = false,
                    SessionExpirySeconds = 86_400,
                    KeepAliveSeconds = 60,
                };
                gateways.Add(new SimulatedGateway(site, id, profiles[g % profiles.Count], options, seed * 100_003 + g));
            }

            var outage = gateways.Take(outageCount).ToList();
            var live = gateways.Skip(outageCount).ToList();
            var brokerRssIdle = ProcStat.StatusBytes(broker.ProcessId, "VmRSS");
            var connectClock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(gateways, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (gateway, token) =>
                await gateway.ConnectAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
            var connectSeconds = connectClock.Elapsed.TotalSeconds;
            var brokerRssConnected = ProcStat.StatusBytes(broker.ProcessId, "VmRSS");

            var period = TimeSpan.FromSeconds(RealSamplingPeriod.TotalSeconds / speedup);
            var meanReadings = gateways.Average(g => (double)g.Profile.ReadingsPerCycle);
            var liveMean = live.Count == 0 ? 0 : live.Average(g => (double)g.Profile.ReadingsPerCycle);
            var offeredPacks = live.Count / period.TotalSeconds;
            var offeredReadings = live.Sum(g => (double)g.Profile.ReadingsPerCycle) / period.TotalSeconds;
            var cycles = (int)Math.Round(outageHours * 3600 / RealSamplingPeriod.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mosquitto 127.0.0.1:{broker.Port} (persistence on) · influxd {influx.BaseAddress} · ingest pid {string.Join(", ", ingestPids)} ({replicaCount} replica{(replicaCount == 1 ? "" : "s")}, shared group ingest) · {Environment.ProcessorCount} cores · load average {loadAtStart}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{gatewayCount} gateways connected in {connectSeconds:0.0} s ({outageCount} offline until the burst) · {meanReadings:0.00} readings per pack on average · live period {period.TotalMilliseconds:0} ms (real 60 s ÷ {speedup:0.#})"));

            var counters = new FleetCounters();
            var random = new Random(seed);
            using var liveStop = new CancellationTokenSource();
            var liveTasks = live.Select(g => g.RunLiveAsync(period, period * random.NextDouble(), counters, liveStop.Token, ct)).ToList();

            // Warm-up (the ingest process starts on unoptimised code), then the steady phase.
            await run.SampleForAsync(TimeSpan.FromSeconds(warmupSeconds), counters, ct).ConfigureAwait(false);
            var steadyStart = run.Mark(counters);
            await run.SampleForAsync(TimeSpan.FromMinutes(minutes), counters, ct).ConfigureAwait(false);
            var steadyEnd = run.Mark(counters);
            var steady = run.Summarise(steadyStart, steadyEnd);

            // The burst: the outage gateways' day of backlog, built beforehand (the edge reads it from its outbox).
            Console.WriteLine("building the outage backlog…");
            var backlogStart = DateTimeOffset.UtcNow - TimeSpan.FromHours(outageHours) - TimeSpan.FromSeconds(2 * ReplayLagSeconds);
            var backlogs = outage.Select(g => g.BuildBacklog(backlogStart, cycles, RealSamplingPeriod, replayPackReadings)).ToList();
            var backlogPacks = backlogs.Sum(b => (long)b.Count);
            var backlogReadings = backlogs.Sum(b => b.Sum(p => (long)p.Readings));
            var burstStart = run.Mark(counters);
            var replayWritten0 = burstStart.Probe?.ReplayPacksWritten ?? 0;
            var replayClock = Stopwatch.StartNew();
            var replay = Task.WhenAll(outage.Select((g, i) => g.ReplayAsync(backlogs[i], inFlight, counters, ct)));
            var replayPublished = replay.ContinueWith(_ => replayClock.Elapsed.TotalSeconds, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var drained = await run.SampleUntilAsync(s => s.ReplayPacksWritten - replayWritten0 >= backlogPacks, s => s.ReplayPacksWritten, TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(60), counters, ct).ConfigureAwait(false)
                ?? run.Latest ?? throw new InvalidOperationException("The ingest probe wrote nothing.");
            var burstComplete = drained.ReplayPacksWritten - replayWritten0 >= backlogPacks;
            await replay.ConfigureAwait(false);
            var replayPublishSeconds = await replayPublished.ConfigureAwait(false);
            var burstEnd = run.Mark(counters);
            var burst = run.Summarise(burstStart, burstEnd);
            var drainSeconds = (drained.Time - burstStart.Time).TotalSeconds;

            // A little more live load, then stop publishing and wait until everything acknowledged is stored.
            await run.SampleForAsync(TimeSpan.FromSeconds(10), counters, ct).ConfigureAwait(false);
            await liveStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(liveTasks).ConfigureAwait(false);
            var published = counters.Readings;
            var settled = await run.SampleUntilAsync(s => s.ReadingsWritten >= published, s => s.ReadingsWritten, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(60), counters, ct).ConfigureAwait(false)
                ?? run.Latest ?? throw new InvalidOperationException("The ingest probe wrote nothing.");
            var brokerDropped = broker.RecentOutput.Contains("Outgoing messages are being dropped", StringComparison.Ordinal);
            var whole = run.Summarise(run.FirstMark, run.Mark(counters));
            var stored = await CountReadingsAsync(influx, ct).ConfigureAwait(false);
            var peakRss = ingestPids.Sum(pid => ProcStat.StatusBytes(pid, "VmHWM"));
            var perReplica = probes.Select(p => p.Latest?.ReadingsWritten ?? 0).ToList();
            var brokerPeakRss = ProcStat.StatusBytes(broker.ProcessId, "VmHWM");
            var maxHeap = probes.Sum(p => p.Samples.Max(s => s.GcHeapBytes));
            var maxWorkingSet = probes.Sum(p => p.Samples.Max(s => s.WorkingSetBytes));
            var heapAtEnd = settled.GcHeapBytes;
            var replayOverCount = drained.ReplayPacksWritten - backlogPacks - replayWritten0;

            // Reference, same run: the ingestor stopped (its session removed), mosquitto_sub drains the same stream.
            BurstReference? referenceResult = null;
            if (reference)
            {
                foreach (var replica in replicas)
                {
                    await replica.StopAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
                }

                ingestStopped = true;
                foreach (var clientId in clientIds)
                {
                    await RemoveSessionAsync(broker, clientId, ct).ConfigureAwait(false);
                }
                referenceResult = await MeasureReferenceAsync(broker, live, outage, backlogs, period, inFlight, seed, run, ct).ConfigureAwait(false);
            }

            var loadAtEnd = ProcStat.LoadAverage();
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync().ConfigureAwait(false);
            }

            // The report.
            const double Mb = 1024 * 1024;
            var realRate = live.Sum(g => (double)g.Profile.ReadingsPerCycle) / RealSamplingPeriod.TotalSeconds;
            report.AppendLine(CultureInfo.InvariantCulture, $"### Fleet load: {gatewayCount:N0} gateways, {outageCount} replaying {outageHours:0.#} h, {replicaCount} ingest replica{(replicaCount == 1 ? "" : "s")}");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, load average {loadAtStart} at the start and {loadAtEnd} at the end. {gatewayCount:N0} MQTT connections (persistent sessions, QoS 1) connected in {connectSeconds:0.0} s.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Live: {live.Count} gateways × 1 pack per {period.TotalMilliseconds:0} ms ({liveMean:0.00} readings per pack) = **{offeredPacks:N0} packs/s, {offeredReadings:N0} readings/s offered**: {speedup:0.#}× the real-world rate of one pack per 60 s ({realRate:N0} readings/s for these gateways).");
            report.AppendLine(CultureInfo.InvariantCulture, $"Burst: {outageCount} gateways × {cycles:N0} sampling cycles = {backlogReadings:N0} readings in {backlogPacks:N0} packs of ≤ {replayPackReadings} readings, {inFlight} in flight per gateway (the edge uplink's defaults).");
            report.AppendLine();
            report.AppendLine("| phase | wall | offered (acknowledged by broker) | ingested (written + acked) | live lag p50 / p99 / max bucket | ingest GC heap max | ingest working set max | CPU (% of one core): mosquitto / ingest / influxd / fleet harness |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            report.AppendLine(Row("steady", steady));
            report.AppendLine(Row("burst (until the backlog is stored)", burst));
            report.AppendLine(Row("whole run", whole));
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"| burst | seconds | readings/s |");
            report.AppendLine("|---|---:|---:|");
            report.AppendLine(CultureInfo.InvariantCulture, $"| gateways' outboxes drained (last PUBACK) | {replayPublishSeconds:0.0} | {backlogReadings / replayPublishSeconds:N0} |");
            report.AppendLine(burstComplete
                ? string.Create(CultureInfo.InvariantCulture, $"| **backlog stored in InfluxDB by the ingestor** | **{drainSeconds:0.0}** | **{backlogReadings / drainSeconds:N0}** (plus live) |")
                : string.Create(CultureInfo.InvariantCulture, $"| **backlog NOT fully stored**: {drained.ReplayPacksWritten - replayWritten0:N0} of {backlogPacks:N0} packs after {drainSeconds:0.0} s, then nothing more | | |"));
            if (referenceResult is { } r)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"| reference, same run: gateways' outboxes drained with mosquitto_sub as the consumer | {r.PublishSeconds:0.0} | {backlogReadings / r.PublishSeconds:N0} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| reference, same run: backlog received by `mosquitto_sub -c -q 1` (same live load) | {r.DrainSeconds:0.0} | {backlogReadings / r.DrainSeconds:N0} |");
                report.AppendLine(CultureInfo.InvariantCulture, $"| ingestor ÷ reference (drain rate) | | **{r.DrainSeconds / drainSeconds:0.00}** |");
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"Reference phase CPU: mosquitto {r.Phase.BrokerCpuPercent:0}% · fleet harness {r.Phase.HarnessCpuPercent:0}% of one core; mosquitto_sub {r.SubscriberCpuSeconds:0.00} CPU-s for the drain.");
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"CPU per reading while draining the burst (load-independent; live readings included): ingestor {CpuMicros(burst.IngestCpuPercent, burst.Seconds, burst.ReadingsPublished)} + influxd {CpuMicros(burst.InfluxCpuPercent, burst.Seconds, burst.ReadingsPublished)} vs mosquitto_sub {r.SubscriberCpuSeconds * 1e6 / Math.Max(1, r.Phase.ReadingsPublished):0.00} µs; mosquitto {CpuMicros(burst.BrokerCpuPercent, burst.Seconds, burst.ReadingsPublished)} (to the ingestor) vs {CpuMicros(r.Phase.BrokerCpuPercent, r.Phase.Seconds, r.Phase.ReadingsPublished)} (to mosquitto_sub).");
            }

            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Stored: the broker acknowledged {published:N0} readings ({counters.LivePacks:N0} live packs, {counters.ReplayPacks:N0} replayed packs); the ingestor reported {settled.ReadingsWritten:N0} written; InfluxDB holds **{stored:N0}** field values — {(stored == published ? "exactly the published readings ✅" : "MISMATCH ❌")}. Refused packs: {settled.PacksRefused}. Failed publishes: {counters.Failed}. Late live publishes (publisher > 1 period behind): {counters.Late:N0}.");
            if (brokerDropped)
            {
                report.AppendLine("**Mosquitto logged \"Outgoing messages are being dropped\"**: a subscriber's queue passed max_queued_messages / max_queued_bytes, and QoS 1 messages the gateways had been PUBACKed for were discarded.");
            }

            if (replicaCount > 1)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"Replicas on $share/ingest: readings written per replica {string.Join(" / ", perReplica.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} ({string.Join(" / ", perReplica.Select(n => (100.0 * n / Math.Max(1, perReplica.Sum())).ToString("0", CultureInfo.InvariantCulture) + " %"))}). Memory figures below are sums over the replicas.");
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"Ingest memory: GC heap max {maxHeap / Mb:0} MB ({heapAtEnd / Mb:0} MB after the run), working set max {maxWorkingSet / Mb:0} MB, peak RSS (VmHWM) {peakRss / Mb:0} MB; gen2 collections {settled.Gen2Collections}, total GC pause {settled.GcPauseMilliseconds:N0} ms.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Mosquitto memory: RSS {brokerRssIdle / Mb:0.0} MB before the gateways connected, {brokerRssConnected / Mb:0.0} MB with all {gatewayCount:N0} connected ({(brokerRssConnected - brokerRssIdle) / 1024.0 / gatewayCount:0.0} KB per connection), peak {brokerPeakRss / Mb:0.0} MB during the ingest phases.");
            if (replayOverCount > 0)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"Note: {replayOverCount} live packs had a lag ≥ {ReplayLagSeconds} s and were counted as replayed: live lag figures during the burst are incomplete.");
            }

            Console.WriteLine();
            Console.WriteLine(report.ToString());
            return stored == published && counters.Failed == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var replica in replicas)
            {
                if (!ingestStopped)
                {
                    await replica.StopAsync(TimeSpan.FromSeconds(20), CancellationToken.None).ConfigureAwait(false);
                }

                await replica.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var probe in probes)
            {
                probe.Dispose();
            }
        }
    }

    private static string Row(string name, PhaseSummary p) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {p.Seconds:0.0} s | {p.OfferedReadingsPerSecond:N0} readings/s | **{p.IngestedReadingsPerSecond:N0} readings/s** ({p.IngestedReadingsPerSecond / Math.Max(1, p.OfferedReadingsPerSecond):0.00}×) | {Ms(p.LiveLag.Quantile(0.5))} / {Ms(p.LiveLag.Quantile(0.99))} / {Ms(p.LiveLag.Quantile(1))} | {p.MaxGcHeapBytes / 1048576.0:0} MB | {p.MaxWorkingSetBytes / 1048576.0:0} MB | {p.BrokerCpuPercent:0}% / {p.IngestCpuPercent:0}% / {p.InfluxCpuPercent:0}% / {p.HarnessCpuPercent:0}% |");

    private static string CpuMicros(double percent, double seconds, double readings) =>
        string.Create(CultureInfo.InvariantCulture, $"{percent / 100 * seconds * 1e6 / Math.Max(1, readings):0.00} µs");

    private static string Ms(double seconds) => double.IsNaN(seconds) ? "–" : seconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"≤ {seconds * 1000:0.#} ms") : string.Create(CultureInfo.InvariantCulture, $"≤ {seconds:0.##} s");

    /// <summary>Every field value in the database: one per reading (same series + timestamp would overwrite).</summary>
    private static async Task<long> CountReadingsAsync(InfluxFixture influx, CancellationToken ct)
    {
        using var document = await influx.QueryAsync(Database, "SELECT COUNT(*) FROM /.*/", ct).ConfigureAwait(false);
        long total = 0;
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("series", out var series))
        {
            foreach (var s in series.EnumerateArray())
            {
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    foreach (var value in row.EnumerateArray().Skip(1))
                    {
                        if (value.ValueKind == JsonValueKind.Number)
                        {
                            total += value.GetInt64();
                        }
                    }
                }
            }
        }

        return total;
    }

    /// <summary>Ends the stopped ingestor's persistent session, so the broker stops queueing for it.</summary>
    private static async Task RemoveSessionAsync(MosquittoFixture broker, string clientId, CancellationToken ct)
    {
        var client = MqttClientFactory.Create(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = clientId, CleanStart = true, SessionExpirySeconds = 0 });
        await using (client.ConfigureAwait(false))
        {
            await client.ConnectAsync(ct).ConfigureAwait(false);
            await client.DisconnectAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<BurstReference> MeasureReferenceAsync(
        MosquittoFixture broker, List<SimulatedGateway> live, List<SimulatedGateway> outage, List<List<(byte[] Payload, int Readings)>> backlogs, TimeSpan period, int inFlight, int seed, FleetMonitor run, CancellationToken ct)
    {
        var tool = RequiredTool.Find("mosquitto_sub", "mosquitto-clients");
        var common = $"-h {broker.Host} -p {broker.Port.ToString(CultureInfo.InvariantCulture)} -q 1 -c -i fleet-reference -t 'ss/v1/+/+/readings'";
        // Create the persistent session first (-E: exit once subscribed), then drain it printing only topics.
        await using (var create = ChildProcess.Start("/bin/sh", ["-c", $"{tool} {common} -E"], "mosquitto_sub -E"))
        {
            if (await create.WaitForExitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false) != 0)
            {
                throw new InvalidOperationException(create.Describe("could not subscribe"));
            }
        }

        var expected = backlogs.Sum(b => (long)b.Count);
        var outageTopics = outage.Select(g => g.Topic).ToHashSet(StringComparer.Ordinal);
        var drainedAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        long seen = 0;
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-c", "-i", "fleet-reference", "-t", "ss/v1/+/+/readings", "-F", "%t" })
        {
            info.ArgumentList.Add(a);
        }

        using var sub = Process.Start(info) ?? throw new InvalidOperationException("could not start mosquitto_sub");
        var reader = Task.Run(async () =>
        {
            while (await sub.StandardOutput.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (outageTopics.Contains(line) && ++seen == expected)
                {
                    drainedAt.TrySetResult(Stopwatch.GetTimestamp());
                }
            }
        }, ct);
        try
        {

            var counters = new FleetCounters();
            var random = new Random(seed + 1);
            using var liveStop = new CancellationTokenSource();
            var liveTasks = live.Select(g => g.RunLiveAsync(period, period * random.NextDouble(), counters, liveStop.Token, ct)).ToList();
            await run.SampleForAsync(TimeSpan.FromSeconds(15), counters, ct).ConfigureAwait(false);
            var start = run.Mark(counters);
            var began = Stopwatch.GetTimestamp();
            var subCpu = ProcStat.CpuSeconds(sub.Id);
            var replay = Task.WhenAll(outage.Select((g, i) => g.ReplayAsync(backlogs[i], inFlight, counters, ct)));
            await replay.WaitAsync(TimeSpan.FromMinutes(20), ct).ConfigureAwait(false);
            var publishSeconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
            var done = await drainedAt.Task.WaitAsync(TimeSpan.FromMinutes(20), ct).ConfigureAwait(false);
            var drainSeconds = Stopwatch.GetElapsedTime(began, done).TotalSeconds;
            var phase = run.Summarise(start, run.Mark(counters));
            subCpu = ProcStat.CpuSeconds(sub.Id) - subCpu;
            await liveStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(liveTasks).ConfigureAwait(false);
            return new BurstReference(publishSeconds, drainSeconds, subCpu, phase);
        }
        finally
        {
            sub.Kill(entireProcessTree: true);
            await sub.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await reader.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Looks for the built cloud host next to this repository's sources (Release preferred).</summary>
    private static string? FindCloudAssembly()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(directory.FullName, "cloud", "SmartSensors.Cloud", "bin", configuration, "net10.0", "smartsensors-cloud.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static double DoubleArg(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string? StringArg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
