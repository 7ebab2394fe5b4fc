using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>
/// Runs inside the smartsensors-cloud process (loaded as a startup hook, see <see cref="StartupHook"/>): listens to the
/// ingest role's own instruments (<c>SmartSensors.Ingest</c>: readings written, packs written, lag from capture to
/// stored) and samples the process's GC heap and working set, appending one line per interval to the file named by
/// <c>SS_FLEET_STATS</c>. Lags at or above <c>SS_FLEET_REPLAY_LAG</c> seconds are counted as replayed packs (the
/// harness gives every replayed reading a capture time older than that) and kept out of the live-lag histogram.
/// Uses only the base class library: it must load into a process that does not have this assembly's dependencies.
/// </summary>
internal static class IngestProbe
{
    public const string StatsVariable = "SS_FLEET_STATS";
    public const string ReplayLagVariable = "SS_FLEET_REPLAY_LAG";
    public const string LinePrefix = "ss-probe ";
    public const string LineSuffix = " end";
    private const string MeterName = "SmartSensors.Ingest";
    private static readonly LagHistogram LiveLag = new();
    private static MeterListener? _listener;
    private static double _replayThreshold = 60;
    private static long _written;
    private static long _packs;
    private static long _received;
    private static long _refused;
    private static long _inFlight;
    private static long _replayPacks;

    public static void StartFromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(StatsVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        if (double.TryParse(Environment.GetEnvironmentVariable(ReplayLagVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            _replayThreshold = threshold;
        }

        // Each enabled instrument carries its slot as state, so the per-measurement callbacks do no string work.
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument.Meter.Name == MeterName && SlotOf(instrument.Name) is { } slot)
                {
                    l.EnableMeasurementEvents(instrument, slot);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>(static (_, value, _, state) =>
        {
            if (state is Slot.Lag)
            {
                if (value >= _replayThreshold)
                {
                    Interlocked.Increment(ref _replayPacks);
                }
                else
                {
                    LiveLag.Record(value);
                }
            }
        });
        listener.SetMeasurementEventCallback<long>(static (_, value, _, state) =>
        {
            switch (state)
            {
                case Slot.Written:
                    Interlocked.Add(ref _written, value);
                    break;
                case Slot.Packs:
                    Interlocked.Add(ref _packs, value);
                    break;
                case Slot.Received:
                    Interlocked.Add(ref _received, value);
                    break;
                case Slot.Refused:
                    Interlocked.Add(ref _refused, value);
                    break;
                case Slot.InFlight:
                    Interlocked.Exchange(ref _inFlight, value);
                    break;
                default:
                    break;
            }
        });
        listener.Start();
        _listener = listener;
        var thread = new Thread(() => WriteLoop(path)) { IsBackground = true, Name = "fleet-load probe" };
        thread.Start();
    }

    private enum Slot
    {
        Lag,
        Written,
        Packs,
        Received,
        Refused,
        InFlight,
    }

    private static object? SlotOf(string name) => name switch
    {
        "smartsensors.ingest.lag" => Slot.Lag,
        "smartsensors.ingest.written" => Slot.Written,
        "smartsensors.ingest.packs_written" => Slot.Packs,
        "smartsensors.ingest.received" => Slot.Received,
        "smartsensors.ingest.refused" => Slot.Refused,
        "smartsensors.ingest.in_flight" => Slot.InFlight,
        _ => null,
    };

    private static void WriteLoop(string path)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        while (true)
        {
            _listener?.RecordObservableInstruments();
            var memory = GC.GetGCMemoryInfo();
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{LinePrefix}t={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} written={Interlocked.Read(ref _written)} packs={Interlocked.Read(ref _packs)} received={Interlocked.Read(ref _received)} refused={Interlocked.Read(ref _refused)} inflight={Interlocked.Read(ref _inFlight)} replay={Interlocked.Read(ref _replayPacks)} heap={GC.GetTotalMemory(false)} gcheap={memory.HeapSizeBytes} committed={memory.TotalCommittedBytes} ws={Environment.WorkingSet} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pause={GC.GetTotalPauseDuration().TotalMilliseconds:0} lag={LiveLag.Format()}{LineSuffix}");
            writer.WriteLine(line);
            writer.Flush();
            Thread.Sleep(100);
        }
    }
}
