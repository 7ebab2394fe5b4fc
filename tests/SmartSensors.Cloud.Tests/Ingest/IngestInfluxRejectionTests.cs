using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Ingest;

/// <summary>Packs that pass validation but that InfluxDB itself refuses are dead-lettered, and the stream goes on.</summary>
public sealed class IngestInfluxRejectionTests() : ServersTestBase(Database, "ingest-conflict", persistentBroker: false)
{
    private const string Database = "conflict";
    private const string Site = "market-square";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ingest_FieldTypeConflictInInflux_DeadLetteredAsInfluxRejectedAndOtherGatewaysStillWritten()
    {
        var start = TestPacks.RecentStart(TimeSpan.FromHours(1));
        // Someone stored water_level.level as a string in this shard (field types are per measurement and shard):
        // a pack with a river level now conflicts, packs without one do not.
        await Influx.WriteAsync(Database, $"water_level,gateway=gw-x,sensor=radar-1,site={Site} level=\"high\" {start.ToUnixTimeMilliseconds() * 1_000_000}");
        var conflicting = new GatewayPack("gw-bad", Site, 0, [Reading.Of("radar-1", Quantities.Level, 1.25, start)]);
        await using var host = await CloudTestHost.StartAsync(CloudTestHost.Settings(Broker, Influx, Database, "ss-ingest-conflict"));
        await host.IngestSubscribed.WaitAsync(Long);

        await using (var bad = MosquittoPublisher.StartStream(Broker, Topics.Readings(Site, "gw-bad"), [GatewayPackEncoder.Encode(conflicting)], Scratch))
        {
            await MosquittoPublisher.WaitAsync(bad, Long);
        }

        await using (var good = MosquittoPublisher.StartStream(Broker, Topics.Readings(Site, "gw-001"), Enumerable.Range(0, 30).Select(i => TestPacks.Encode(Site, "gw-001", i, start)), Scratch))
        {
            await MosquittoPublisher.WaitAsync(good, Long);
        }

        await host.Counters.WaitUntilAsync(c => c.DeadLettered >= 1 && c.PacksWritten >= 30, Long, "the conflicting pack dead-lettered and 30 packs written");
        var letter = Assert.Single(host.DeadLetters.Latest(10));
        Assert.Equal(Topics.Readings(Site, "gw-bad"), letter.Topic);
        Assert.Contains(letter.Reasons, r => r.Code == DeadLetter.InfluxRejected && r.Message.Contains("conflict", StringComparison.OrdinalIgnoreCase));
        var rows = await InfluxRows.QueryAsync(Influx, Database, "SELECT COUNT(\"temperature\") FROM \"weather\" WHERE \"gateway\" = 'gw-001'");
        Assert.Equal(30, Assert.Single(rows)["count"].GetInt64());
    }

    [Fact]
    public async Task Ingest_ConflictingPackAmongQueuedPacks_OnlyThatPackDeadLetteredAndEveryOtherReadingWritten()
    {
        // The packs wait in the ingest session while the ingestor is away, so they arrive in one burst and are handed
        // to InfluxDB together: the refused line must be charged to its own pack, not to the packs around it.
        var start = TestPacks.RecentStart(TimeSpan.FromHours(1));
        await Influx.WriteAsync(Database, $"water_level,gateway=gw-x,sensor=radar-1,site={Site} level=\"high\" {start.ToUnixTimeMilliseconds() * 1_000_000}");
        var settings = CloudTestHost.Settings(Broker, Influx, Database, "ss-ingest-conflict-burst");
        await using (var first = await CloudTestHost.StartAsync(settings))
        {
            await first.IngestSubscribed.WaitAsync(Long);
        }

        var packs = Enumerable.Range(0, 40).Select(i => TestPacks.Encode(Site, "gw-001", i, start)).ToList();
        packs.Insert(20, GatewayPackEncoder.Encode(new GatewayPack("gw-001", Site, 99, [Reading.Of("radar-1", Quantities.Level, 1.25, start)])));
        await using (var stream = MosquittoPublisher.StartStream(Broker, Topics.Readings(Site, "gw-001"), packs, Scratch))
        {
            await MosquittoPublisher.WaitAsync(stream, Long);
        }

        await using var host = await CloudTestHost.StartAsync(settings);
        await host.Counters.WaitUntilAsync(c => c.DeadLettered >= 1 && c.PacksWritten >= 40, Long, "the conflicting pack dead-lettered and 40 packs written");
        var letter = Assert.Single(host.DeadLetters.Latest(10));
        Assert.Contains("radar-1", System.Text.Encoding.UTF8.GetString(letter.Payload.Span), StringComparison.Ordinal);
        Assert.Contains(letter.Reasons, r => r.Code == DeadLetter.InfluxRejected && r.Message.Contains("conflict", StringComparison.OrdinalIgnoreCase));
        var rows = await InfluxRows.QueryAsync(Influx, Database, "SELECT COUNT(\"temperature\") FROM \"weather\" WHERE \"gateway\" = 'gw-001'");
        Assert.Equal(40, Assert.Single(rows)["count"].GetInt64());
    }

    [Fact]
    public async Task Ingest_PackLargerThanOneWriteItem_DeadLetteredAndLaterPacksWritten()
    {
        var start = TestPacks.RecentStart(TimeSpan.FromHours(1));
        var settings = CloudTestHost.Settings(Broker, Influx, Database, "ss-ingest-item-size");
        // A valid 8-reading pack becomes ~370 bytes of line protocol; single-reading packs stay under the bound.
        settings["Influx:Writer:MaxItemBytes"] = "300";
        await using var host = await CloudTestHost.StartAsync(settings);
        await host.IngestSubscribed.WaitAsync(Long);
        var packs = new List<byte[]> { TestPacks.Encode(Site, "gw-001", 0, start) };
        packs.AddRange(Enumerable.Range(1, 5).Select(i => GatewayPackEncoder.Encode(
            new GatewayPack("gw-001", Site, i, [Reading.Of("soil-1", Quantities.Moisture, 40 + i, start.AddSeconds(i))]))));

        await using (var stream = MosquittoPublisher.StartStream(Broker, Topics.Readings(Site, "gw-001"), packs, Scratch))
        {
            await MosquittoPublisher.WaitAsync(stream, Long);
        }

        await host.Counters.WaitUntilAsync(c => c.DeadLettered >= 1 && c.PacksWritten >= 5, Long, "the oversized pack dead-lettered and 5 packs written");
        var letter = Assert.Single(host.DeadLetters.Latest(10));
        Assert.Contains(letter.Reasons, r => r.Code == DeadLetter.InfluxRejected && r.Message.Contains("MaxItemBytes", StringComparison.Ordinal));
        var rows = await InfluxRows.QueryAsync(Influx, Database, "SELECT \"moisture\" FROM \"soil\"");
        Assert.Equal([41.0, 42.0, 43.0, 44.0, 45.0], rows.Select(r => r["moisture"].GetDouble()));
    }
}
