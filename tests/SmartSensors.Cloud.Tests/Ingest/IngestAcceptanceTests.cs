using System.Net;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Contracts.Tests;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Ingest;

/// <summary>The ingest role end to end: mosquitto_pub → real mosquitto → in-process cloud host → real influxd.</summary>
public sealed class IngestAcceptanceTests() : ServersTestBase(Database, "ingest-tests", persistentBroker: true)
{
    private const string Site = "queens-square";
    private const string Database = "ingest";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ingest_PacksFromMosquittoPub_StoredWithExactMeasurementsTagsFieldsAndCaptureTimes()
    {
        await using var host = await CloudTestHost.StartAsync(CloudTestHost.Settings(Broker, Influx, Database, "ss-ingest-exact"));
        await host.IngestSubscribed.WaitAsync(Long);
        var start = TestPacks.RecentStart(TimeSpan.FromHours(2));
        var packs = new Dictionary<string, long> { [TestPacks.GatewayId(1)] = 60, [TestPacks.GatewayId(2)] = 60, [TestPacks.GatewayId(3)] = 60 };

        var streams = packs.Select(p => MosquittoPublisher.StartStream(Broker, Topics.Readings(Site, p.Key), Sequence(Site, p.Key, p.Value, start), Scratch)).ToList();
        foreach (var stream in streams)
        {
            await MosquittoPublisher.WaitAsync(stream, Long);
            await stream.DisposeAsync();
        }

        await host.Counters.WaitUntilAsync(c => c.PacksWritten >= 180, Long, "180 packs written");
        await InfluxRows.AssertStoredExactlyAsync(Influx, Database, Site, packs, start);
        Assert.Equal(180 * TestPacks.ReadingsPerPack, host.Counters.ReadingsWritten);
        Assert.Equal(0, host.Counters.DeadLettered);
        foreach (var (gateway, count) in packs)
        {
            Assert.True(host.Registry.TryGet(Site, gateway, out var record));
            Assert.Equal(TestPacks.CaptureTime(start, count - 1), record.LastSeen);
        }

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Ingest_HostileCorpusAndSpoofedTopics_DeadLetteredWithReasonsAndLaterPacksWritten()
    {
        var settings = CloudTestHost.Settings(Broker, Influx, Database, "ss-ingest-hostile");
        settings["Ingest:MaximumPacketSize"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await CloudTestHost.StartAsync(settings, new ManualClock(HostileCorpus.Now));
        await host.IngestSubscribed.WaitAsync(Long);
        var spoofed = new List<(string Topic, byte[] Payload, string Code)>
        {
            // A gateway publishing on another gateway's topic.
            ("ss/v1/queens-square/gw-02/readings", HostileCorpus.ValidPack, ReasonCodes.TopicGatewayMismatch),
            // Topics the subscription matches but the contract does not allow.
            ("ss/v1/Queens_Square/gw-01/readings", HostileCorpus.ValidPack, ReasonCodes.InvalidTopic),
            ("ss/v1/queens-square/GW-01/readings", HostileCorpus.ValidPack, ReasonCodes.InvalidTopic),
        };
        var expected = HostileCorpus.Cases.Select(c => (HostileCorpus.Topic, c.Payload, c.ExpectedCode, c.Name))
            .Concat(spoofed.Select(s => (s.Topic, s.Payload, s.Code, $"spoofed {s.Topic}")))
            .ToList();

        foreach (var (topic, payload, _, _) in expected)
        {
            await MosquittoPublisher.PublishAsync(Broker, topic, payload, Scratch);
        }

        var start = HostileCorpus.Now.AddHours(-1);
        await using (var valid = MosquittoPublisher.StartStream(Broker, HostileCorpus.Topic, Sequence(Site, HostileCorpus.Gateway, 25, start), Scratch))
        {
            await MosquittoPublisher.WaitAsync(valid, Long);
        }

        await host.Counters.WaitUntilAsync(c => c.DeadLettered >= expected.Count && c.PacksWritten >= 25, Long, $"{expected.Count} dead letters and 25 packs written");
        // Decode workers run in parallel, so dead letters are matched by topic and payload, not by position.
        var letters = host.DeadLetters.Latest(expected.Count + 10).ToList();
        Assert.Equal(expected.Count, letters.Count);
        foreach (var (topic, payload, code, name) in expected)
        {
            var letter = letters.FirstOrDefault(l =>
                l.Topic == topic && l.PayloadLength == payload.Length && payload.AsSpan(0, l.Payload.Length).SequenceEqual(l.Payload.Span));
            Assert.True(letter is not null, $"{name}: no dead letter with its topic and payload");
            letters.Remove(letter);
            Assert.True(letter.Reasons.Any(r => r.Code == code), $"{name}: expected reason {code}, stored {string.Join("; ", letter.Reasons)}");
            Assert.True(host.Counters[$"smartsensors.ingest.refused:{code}"] > 0, $"{name}: refused counter for {code} not incremented");
        }

        await InfluxRows.AssertStoredExactlyAsync(Influx, Database, Site, new Dictionary<string, long> { [HostileCorpus.Gateway] = 25 }, start);
    }

    [Fact]
    public async Task Ingest_InfluxStoppedFor30SecondsMidStream_EveryReadingStoredOnceAfterItReturns()
    {
        await using var host = await CloudTestHost.StartAsync(CloudTestHost.Settings(Broker, Influx, Database, "ss-ingest-outage"));
        await host.IngestSubscribed.WaitAsync(Long);
        var start = TestPacks.RecentStart(TimeSpan.FromHours(3));
        var packs = new Dictionary<string, long> { [TestPacks.GatewayId(1)] = 700, [TestPacks.GatewayId(2)] = 700 };
        var streams = packs.Select(p => MosquittoPublisher.StartStream(
            Broker, Topics.Readings(Site, p.Key), Sequence(Site, p.Key, p.Value, start), Scratch, TimeSpan.FromMilliseconds(40))).ToList();

        await host.Counters.WaitUntilAsync(c => c.PacksWritten >= 100, Long, "the stream to be flowing");
        await Influx.StopAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var writtenAtStop = host.Counters.PacksWritten;

        // The outage itself lasts 30 s of wall-clock time; the stream keeps publishing meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(30));
        using (var down = await http.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        }

        Assert.True(host.Counters.PacksWritten == writtenAtStop, $"{host.Counters.PacksWritten - writtenAtStop} packs acknowledged as written while InfluxDB was down");
        Assert.True(host.Counters.Received - host.Counters.PacksWritten <= 1000, $"in flight {host.Counters.Received - host.Counters.PacksWritten} exceeds the receive maximum");

        await Influx.RestartAsync();
        foreach (var stream in streams)
        {
            await MosquittoPublisher.WaitAsync(stream, TimeSpan.FromSeconds(120));
            await stream.DisposeAsync();
        }

        await host.Counters.WaitUntilAsync(c => c.PacksWritten >= 1400, Long, "every pack written after InfluxDB returned");
        await InfluxRows.AssertStoredExactlyAsync(Influx, Database, Site, packs, start);
        using var up = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    [Fact]
    public async Task Ingest_ThreeReplicasOnOneSharedSubscription_EveryReadingOnceAndLoadSpread()
    {
        var hosts = new List<CloudTestHost>();
        try
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                var host = await CloudTestHost.StartAsync(CloudTestHost.Settings(Broker, Influx, Database, $"ss-ingest-replica-{name}"));
                hosts.Add(host);
                await host.IngestSubscribed.WaitAsync(Long);
            }

            var start = TestPacks.RecentStart(TimeSpan.FromHours(4));
            var packs = Enumerable.Range(1, 4).ToDictionary(i => TestPacks.GatewayId(i), _ => 300L);
            var streams = packs.Select(p => MosquittoPublisher.StartStream(Broker, Topics.Readings(Site, p.Key), Sequence(Site, p.Key, p.Value, start), Scratch)).ToList();
            foreach (var stream in streams)
            {
                await MosquittoPublisher.WaitAsync(stream, Long);
                await stream.DisposeAsync();
            }

            // Whichever replica writes the last pack sees the total reach 1200.
            await await Task.WhenAny(hosts.Select(h => h.Counters.WaitUntilAsync(_ => hosts.Sum(x => x.Counters.PacksWritten) >= 1200, Long, "1200 packs written across the replicas")));
            await InfluxRows.AssertStoredExactlyAsync(Influx, Database, Site, packs, start);
            var perReplica = hosts.Select(h => h.Counters.PacksWritten).ToList();
            Assert.Equal(1200, hosts.Sum(h => h.Counters.Received));
            Assert.All(perReplica, count => Assert.True(count >= 100, $"load not spread: packs per replica {string.Join(", ", perReplica)}"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static IEnumerable<byte[]> Sequence(string site, string gateway, long count, DateTimeOffset start)
    {
        for (long sequence = 0; sequence < count; sequence++)
        {
            yield return TestPacks.Encode(site, gateway, sequence, start);
        }
    }
}
