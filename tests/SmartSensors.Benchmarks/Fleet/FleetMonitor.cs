using System.Diagnostics;
using System.Globalization;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>Follows the run: polls the ingest probes (one per replica), reads CPU times, prints progress, summarises
/// phases. With several replicas a "probe sample" is their sum (<see cref="ProbeSample.Sum"/>).</summary>
internal sealed class FleetMonitor
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly IReadOnlyList<ProbeLog> _probes;
    private readonly int? _brokerPid;
    private readonly IReadOnlyList<int> _ingestPids;
    private readonly int? _influxPid;
    private FleetMark? _first;
    private FleetMark? _lastProgress;
    private FleetCounters? _progressCounters;

    public FleetMonitor(IReadOnlyList<ProbeLog> probes, int? brokerPid, IReadOnlyList<int> ingestPids, int? influxPid)
    {
        _influxPid = influxPid;
        _probes = probes;
        _brokerPid = brokerPid;
        _ingestPids = ingestPids;
    }

    /// <summary>The replicas' latest samples added up (null until each has written one).</summary>
    public ProbeSample? Latest
    {
        get
        {
            var latest = new List<ProbeSample>(_probes.Count);
            foreach (var probe in _probes)
            {
                probe.Poll();
                if (probe.Latest is not { } sample)
                {
                    return null;
                }

                latest.Add(sample);
            }

            return ProbeSample.Sum(latest);
        }
    }

    public FleetMark FirstMark => _first ?? throw new InvalidOperationException("No mark yet.");

    public FleetMark Mark(FleetCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var probe = Latest;
        using var self = Process.GetCurrentProcess();
        var ingestCpu = _ingestPids.Sum(pid => ProcStat.CpuSeconds(pid));
        var mark = new FleetMark(DateTimeOffset.UtcNow, counters.Readings, ProcStat.CpuSeconds(_brokerPid), ingestCpu, ProcStat.CpuSeconds(_influxPid), self.TotalProcessorTime.TotalSeconds, probe);
        _first ??= mark;
        return mark;
    }

    /// <summary>Keeps sampling for <paramref name="duration"/> (pacing the harness, not synchronising anything).</summary>
    public async Task SampleForAsync(TimeSpan duration, FleetCounters counters, CancellationToken cancellationToken)
    {
        var end = DateTimeOffset.UtcNow + duration;
        Mark(counters);
        while (DateTimeOffset.UtcNow < end)
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            Progress(counters);
        }
    }

    /// <summary>Samples until a probe sample satisfies <paramref name="condition"/> and returns the first that does
    /// (with one replica every sample is checked; with several, their sum at each poll).</summary>
    /// <returns>The sample, or null when <paramref name="timeout"/> passed, or when <paramref name="progress"/> did not
    /// move for <paramref name="stall"/> (e.g. the broker dropped what the ingestors were waiting for).</returns>
    public async Task<ProbeSample?> SampleUntilAsync(Func<ProbeSample, bool> condition, Func<ProbeSample, long> progress, TimeSpan timeout, TimeSpan stall, FleetCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(progress);
        var end = DateTimeOffset.UtcNow + timeout;
        var checkedUpTo = 0;
        var lastWritten = -1L;
        var lastProgress = DateTimeOffset.UtcNow;
        Mark(counters);
        while (true)
        {
            if (_probes.Count == 1)
            {
                var probe = _probes[0];
                probe.Poll();
                var samples = probe.Samples;
                for (; checkedUpTo < samples.Count; checkedUpTo++)
                {
                    if (condition(samples[checkedUpTo]))
                    {
                        return samples[checkedUpTo];
                    }
                }
            }
            else if (Latest is { } sum && condition(sum))
            {
                return sum;
            }

            var now = DateTimeOffset.UtcNow;
            var last = Latest;
            if (last is not null && progress(last) != lastWritten)
            {
                lastWritten = progress(last);
                lastProgress = now;
            }

            if (now > end || now - lastProgress > stall)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GAVE UP WAITING ({(now > end ? $"{timeout.TotalSeconds:0} s passed" : $"nothing written for {stall.TotalSeconds:0} s")}): acknowledged by the broker {counters.Readings:N0} readings, ingest wrote {last?.ReadingsWritten:N0}, replayed packs written {last?.ReplayPacksWritten:N0}, in flight {last?.InFlight:N0}"));
                return null;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            Progress(counters);
        }
    }

    public PhaseSummary Summarise(FleetMark from, FleetMark to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var seconds = (to.Time - from.Time).TotalSeconds;
        var ingested = 0.0;
        var lag = new LagHistogram();
        if (from.Probe is { } a && to.Probe is { } b && b.UnixMilliseconds > a.UnixMilliseconds)
        {
            ingested = (b.ReadingsWritten - a.ReadingsWritten) / ((b.UnixMilliseconds - a.UnixMilliseconds) / 1000.0);
            lag = b.LiveLag.Minus(a.LiveLag);
        }

        // With several replicas: the sum of each replica's maximum in the window (an upper bound of the peak sum).
        long maxHeap = 0, maxWorkingSet = 0;
        foreach (var probe in _probes)
        {
            var window = probe.Between(from.Time, to.Time).ToList();
            maxHeap += window.Count == 0 ? 0 : window.Max(s => s.GcHeapBytes);
            maxWorkingSet += window.Count == 0 ? 0 : window.Max(s => s.WorkingSetBytes);
        }

        return new PhaseSummary(
            seconds,
            (to.PublishedReadings - from.PublishedReadings) / seconds,
            ingested,
            lag,
            maxHeap,
            maxWorkingSet,
            100 * (to.BrokerCpu - from.BrokerCpu) / seconds,
            to.IngestCpu >= from.IngestCpu && to.IngestCpu > 0 ? 100 * (to.IngestCpu - from.IngestCpu) / seconds : double.NaN,
            100 * (to.InfluxCpu - from.InfluxCpu) / seconds,
            100 * (to.HarnessCpu - from.HarnessCpu) / seconds,
            to.PublishedReadings - from.PublishedReadings);
    }

    private void Progress(FleetCounters counters)
    {
        if (_lastProgress is { } last && DateTimeOffset.UtcNow - last.Time < ProgressEvery)
        {
            return;
        }

        var now = Mark(counters);
        if (!ReferenceEquals(counters, _progressCounters))
        {
            _progressCounters = counters;
            _lastProgress = now;
            return;
        }

        if (_lastProgress is { } previous)
        {
            var p = Summarise(previous, now);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{now.Time:HH:mm:ss} offered {p.OfferedReadingsPerSecond,8:N0}/s · ingested {p.IngestedReadingsPerSecond,8:N0}/s · live lag p50 {p.LiveLag.Quantile(0.5) * 1000,7:0.0} ms p99 {p.LiveLag.Quantile(0.99) * 1000,8:0.0} ms · in flight {now.Probe?.InFlight,5} · replayed packs stored {now.Probe?.ReplayPacksWritten,6:N0} · heap {now.Probe?.GcHeapBytes / 1048576.0,5:0} MB · ws {now.Probe?.WorkingSetBytes / 1048576.0,5:0} MB · CPU mosquitto {p.BrokerCpuPercent,3:0}% ingest {p.IngestCpuPercent,3:0}% influxd {p.InfluxCpuPercent,3:0}% fleet {p.HarnessCpuPercent,3:0}%"));
        }

        _lastProgress = now;
    }
}
