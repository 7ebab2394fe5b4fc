using System.Globalization;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Ingest;

/// <summary>The cloud host as a real child process (<c>dotnet smartsensors-cloud.dll</c>), SIGKILLed mid-stream.</summary>
public sealed class IngestProcessKillTests() : ServersTestBase(Database, "ingest-kill", persistentBroker: true)
{
    private const string Site = "riverside";
    private const string Database = "killed";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ingest_ProcessKilledMidStreamAndRestarted_EveryReadingStoredExactlyOnce()
    {
        var start = TestPacks.RecentStart(TimeSpan.FromHours(5));
        var packs = new Dictionary<string, long> { [TestPacks.GatewayId(1)] = 600, [TestPacks.GatewayId(2)] = 600 };
        const long Total = 1200;

        var first = StartIngestProcess();
        await first.WaitForLineAsync(l => l.Contains("Ingest subscribed", StringComparison.Ordinal), Long);
        var streams = packs.Select(p => MosquittoPublisher.StartStream(
            Broker, Topics.Readings(Site, p.Key), Sequence(p.Key, p.Value, start), Scratch, TimeSpan.FromMilliseconds(25))).ToList();

        long beforeKill = 0;
        await Poll.UntilAsync(async () => (beforeKill = await InfluxRows.CountPacksAsync(Influx, Database)) >= 150, Long, () => $"packs stored before the kill: {beforeKill}\n{first.RecentOutput}");
        await first.KillAsync();
        await first.DisposeAsync();
        Assert.True(beforeKill < Total, "the stream ended before the kill; the test would prove nothing");

        await using var second = StartIngestProcess();
        await second.WaitForLineAsync(l => l.Contains("Ingest subscribed", StringComparison.Ordinal), Long);
        foreach (var stream in streams)
        {
            await MosquittoPublisher.WaitAsync(stream, TimeSpan.FromSeconds(120));
            await stream.DisposeAsync();
        }

        long stored = 0;
        await Poll.UntilAsync(async () => (stored = await InfluxRows.CountPacksAsync(Influx, Database)) >= Total, Long, () => $"packs stored: {stored} of {Total}\n{second.RecentOutput}");
        await InfluxRows.AssertStoredExactlyAsync(Influx, Database, Site, packs, start);
    }

    private ChildProcess StartIngestProcess()
    {
        var assembly = typeof(IngestService).Assembly.Location;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["SmartSensors__Roles"] = "ingest",
            ["Mqtt__Host"] = Broker.Host,
            ["Mqtt__Port"] = Broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Influx__Url"] = Influx.BaseAddress.ToString(),
            ["Influx__Database"] = Database,
            ["Influx__Writer__BatchPoints"] = "500",
            ["Influx__Writer__FlushInterval"] = "00:00:00.050",
            ["Ingest__ClientId"] = "ss-ingest-killed",
            ["Ingest__ReceiveMaximum"] = "500",
            ["DeadLetters__Path"] = Scratch.File("dead-letters.db"),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        return ChildProcess.Start(
            RequiredTool.Find("dotnet", "dotnet-sdk-10.0"),
            [assembly],
            "smartsensors-cloud (ingest)",
            Scratch.Path,
            environment);
    }

    private static IEnumerable<byte[]> Sequence(string gateway, long count, DateTimeOffset start)
    {
        for (long sequence = 0; sequence < count; sequence++)
        {
            yield return TestPacks.Encode(Site, gateway, sequence, start);
        }
    }
}
