using System.Globalization;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>One line written by <see cref="IngestProbe"/> inside the ingest process (all counters cumulative).</summary>
internal sealed class ProbeSample
{
    public long UnixMilliseconds { get; private init; }

    public long ReadingsWritten { get; private init; }

    public long PacksWritten { get; private init; }

    public long PacksReceived { get; private init; }

    public long PacksRefused { get; private init; }

    public long InFlight { get; private init; }

    public long ReplayPacksWritten { get; private init; }

    public long GcHeapBytes { get; private init; }

    public long CommittedBytes { get; private init; }

    public long WorkingSetBytes { get; private init; }

    public long Gen2Collections { get; private init; }

    public double GcPauseMilliseconds { get; private init; }

    public LagHistogram LiveLag { get; private init; } = new();

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds);

    /// <summary>Several replicas' samples as one: counters, heaps and lags added, the earliest time.</summary>
    public static ProbeSample Sum(IReadOnlyList<ProbeSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 1)
        {
            return samples[0];
        }

        var lag = new LagHistogram();
        foreach (var sample in samples)
        {
            lag = lag.Plus(sample.LiveLag);
        }

        return new ProbeSample
        {
            UnixMilliseconds = samples.Min(s => s.UnixMilliseconds),
            ReadingsWritten = samples.Sum(s => s.ReadingsWritten),
            PacksWritten = samples.Sum(s => s.PacksWritten),
            PacksReceived = samples.Sum(s => s.PacksReceived),
            PacksRefused = samples.Sum(s => s.PacksRefused),
            InFlight = samples.Sum(s => s.InFlight),
            ReplayPacksWritten = samples.Sum(s => s.ReplayPacksWritten),
            GcHeapBytes = samples.Sum(s => s.GcHeapBytes),
            CommittedBytes = samples.Sum(s => s.CommittedBytes),
            WorkingSetBytes = samples.Sum(s => s.WorkingSetBytes),
            Gen2Collections = samples.Sum(s => s.Gen2Collections),
            GcPauseMilliseconds = samples.Sum(s => s.GcPauseMilliseconds),
            LiveLag = lag,
        };
    }

    /// <summary>Parses a complete probe line; null for anything else (e.g. a line still being written).</summary>
    public static ProbeSample? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(IngestProbe.LinePrefix, StringComparison.Ordinal) || !line.EndsWith(IngestProbe.LineSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in line[IngestProbe.LinePrefix.Length..^IngestProbe.LineSuffix.Length].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[part[..equals]] = part[(equals + 1)..];
            }
        }

        long L(string key) => values.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new ProbeSample
        {
            UnixMilliseconds = L("t"),
            ReadingsWritten = L("written"),
            PacksWritten = L("packs"),
            PacksReceived = L("received"),
            PacksRefused = L("refused"),
            InFlight = L("inflight"),
            ReplayPacksWritten = L("replay"),
            GcHeapBytes = L("gcheap"),
            CommittedBytes = L("committed"),
            WorkingSetBytes = L("ws"),
            Gen2Collections = L("gen2"),
            GcPauseMilliseconds = L("pause"),
            LiveLag = LagHistogram.Parse(values.GetValueOrDefault("lag", "")),
        };
    }
}
