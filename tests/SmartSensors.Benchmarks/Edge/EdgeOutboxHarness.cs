using System.Diagnostics;
using System.Globalization;
using SmartSensors.Contracts;
using SmartSensors.Edge.Outbox;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Benchmarks.Edge;

/// <summary>
/// Outbox throughput on this machine's disk, with the durability the gateway uses (WAL, synchronous=FULL for appends):
/// appends in batches (a transaction each, fsynced), then read + acknowledge in packs as the uplink does (deletes in
/// bursts of <c>--packs-per-ack</c> packs). Also single-reading appends, to show what batching buys.
/// Usage: <c>edge-outbox [--readings 200000] [--batch 500] [--pack 100] [--packs-per-ack 32] [--single 2000]</c>.
/// </summary>
public static class EdgeOutboxHarness
{
    public static Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var total = EdgeHarnessArgs.Int(args, "--readings", 200_000);
        var batch = EdgeHarnessArgs.Int(args, "--batch", 500);
        var pack = EdgeHarnessArgs.Int(args, "--pack", 100);
        var packsPerAck = EdgeHarnessArgs.Int(args, "--packs-per-ack", 32);
        var single = EdgeHarnessArgs.Int(args, "--single", 2_000);
        if (total < 1 || batch < 1 || pack < 1 || packsPerAck < 1 || single < 0)
        {
            Console.Error.WriteLine("--readings, --batch, --pack, --packs-per-ack must be ≥ 1; --single ≥ 0.");
            return Task.FromResult(2);
        }

        using var work = new TemporaryDirectory("edge-outbox-harness");
        var readings = Readings(total);
        using var outbox = SqliteOutbox.Open(work.File("outbox.db"), 64L * 1024 * 1024 * 1024, TimeSpan.FromDays(3650), TimeProvider.System);

        var append = Stopwatch.StartNew();
        for (var i = 0; i < total; i += batch)
        {
            outbox.Append(readings.GetRange(i, Math.Min(batch, total - i)));
        }

        append.Stop();

        var ack = Stopwatch.StartNew();
        long cursor = 0;
        var acknowledged = 0;
        var burst = new List<OutboxEntry>(pack * packsPerAck);
        while (true)
        {
            var entries = outbox.ReadAfter(cursor, pack);
            if (entries.Count > 0)
            {
                cursor = entries[^1].Id;
                burst.AddRange(entries);
            }

            if (burst.Count >= pack * packsPerAck || (entries.Count == 0 && burst.Count > 0))
            {
                acknowledged += outbox.Acknowledge(burst);
                burst.Clear();
            }

            if (entries.Count == 0)
            {
                break;
            }
        }

        ack.Stop();
        if (acknowledged != total || outbox.GetStatistics().Depth != 0)
        {
            Console.Error.WriteLine($"expected {total} acknowledged and an empty outbox, got {acknowledged} and depth {outbox.GetStatistics().Depth}");
            return Task.FromResult(1);
        }

        var singleTime = TimeSpan.Zero;
        if (single > 0)
        {
            var one = Stopwatch.StartNew();
            for (var i = 0; i < single; i++)
            {
                outbox.Append([readings[i]]);
            }

            singleTime = one.Elapsed;
        }

        static string Rate(int n, TimeSpan t) => (n / t.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
        Console.WriteLine($"| outbox operation | readings | time (s) | readings/s |");
        Console.WriteLine($"|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| append, {batch} per transaction (fsync) | {total} | {append.Elapsed.TotalSeconds:F2} | {Rate(total, append.Elapsed)} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| read {pack}/pack + acknowledge ({packsPerAck} packs per delete transaction) | {total} | {ack.Elapsed.TotalSeconds:F2} | {Rate(total, ack.Elapsed)} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| append + acknowledge, end to end | {total} | {(append.Elapsed + ack.Elapsed).TotalSeconds:F2} | {Rate(total, append.Elapsed + ack.Elapsed)} |"));
        if (single > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| append, 1 per transaction (fsync) | {single} | {singleTime.TotalSeconds:F2} | {Rate(single, singleTime)} |"));
        }

        return Task.FromResult(0);
    }

    internal static List<Reading> Readings(int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-7);
        var list = new List<Reading>(count);
        for (var i = 0; i < count; i++)
        {
            var sensor = string.Create(CultureInfo.InvariantCulture, $"bed{i % 20:D2}");
            list.Add(Reading.Of(sensor, Quantities.Moisture, 20 + (i % 600) / 10.0, start.AddMinutes(i / 20)));
        }

        return list;
    }
}
