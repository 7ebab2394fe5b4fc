using System.Globalization;
using System.Text;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// Produced (every reading committed to a gateway outbox) against stored (InfluxDB), reading by reading:
/// series + field + capture time (to the microsecond the wire carries, ±2 µs for float rounding of SenML times).
/// <list type="bullet">
/// <item><b>Lost</b>: produced, not stored (or stored with another value).</item>
/// <item><b>Duplicated</b>: stored points that match no produced reading — a redelivered reading stored under another
/// timestamp or series shows here (a redelivery with the same timestamp overwrites itself, which is the design), and
/// produced readings that share one series + timestamp (storage would fold them into one point).</item>
/// </list>
/// </summary>
internal sealed class DeliveryComparison
{
    private const int ToleranceMicros = 2;

    private DeliveryComparison()
    {
    }

    public long Produced { get; private init; }

    public long Stored { get; private init; }

    public IReadOnlyList<ProducedReading> Lost { get; private init; } = [];

    public IReadOnlyList<ProducedReading> WrongValue { get; private init; } = [];

    public IReadOnlyList<(StoredSeries Series, long Micros, double Value)> Unexpected { get; private init; } = [];

    public IReadOnlyList<ProducedReading> Colliding { get; private init; } = [];

    public long Duplicated => Unexpected.Count + Colliding.Count;

    public bool Exact => Lost.Count == 0 && WrongValue.Count == 0 && Duplicated == 0;

    public static DeliveryComparison Compare(IReadOnlyList<ProducedReading> produced, Dictionary<StoredSeries, Dictionary<long, double>> stored)
    {
        var remaining = stored.ToDictionary(s => s.Key, s => new Dictionary<long, double>(s.Value));
        var lost = new List<ProducedReading>();
        var wrong = new List<ProducedReading>();
        var colliding = new List<ProducedReading>();
        var seen = new HashSet<(StoredSeries, long)>();
        foreach (var reading in produced)
        {
            var series = reading.Series;
            if (!seen.Add((series, reading.CaptureMicros)))
            {
                colliding.Add(reading);
                continue;
            }

            if (!remaining.TryGetValue(series, out var points) || !TryTake(points, reading.CaptureMicros, out var value))
            {
                lost.Add(reading);
            }
            else if (!Same(value, reading.Value))
            {
                wrong.Add(reading);
            }
        }

        var unexpected = remaining.SelectMany(s => s.Value.Select(p => (s.Key, p.Key, p.Value))).ToList();
        return new DeliveryComparison
        {
            Produced = produced.Count,
            Stored = stored.Sum(s => (long)s.Value.Count),
            Lost = lost,
            WrongValue = wrong,
            Unexpected = unexpected,
            Colliding = colliding,
        };
    }

    /// <summary>Lost readings grouped by the faults around their capture: the last one injected before, and the next one after.</summary>
    public string AttributeLost(IReadOnlyList<FaultEvent> faults)
    {
        var text = new StringBuilder();
        var groups = Lost.GroupBy(r =>
        {
            var captured = new DateTimeOffset(r.CaptureTicks, TimeSpan.Zero);
            var before = faults.LastOrDefault(f => f.Injected <= captured);
            var after = faults.FirstOrDefault(f => f.Injected > captured);
            return (Before: before is null ? "start" : $"{before.Name} ({before.Injected:HH:mm:ss.fff}-{before.Recovered:HH:mm:ss.fff})", After: after is null ? "drain" : $"{after.Name} ({after.Injected:HH:mm:ss.fff})");
        });
        foreach (var group in groups)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Count()} lost readings captured {new DateTime(group.Min(r => r.CaptureTicks), DateTimeKind.Utc):HH:mm:ss.fff}..{new DateTime(group.Max(r => r.CaptureTicks), DateTimeKind.Utc):HH:mm:ss.fff}, after {group.Key.Before}, before {group.Key.After}");
        }

        return text.ToString();
    }

    public string Describe(int examples = 10)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"produced {Produced}, stored {Stored}, lost {Lost.Count}, wrong value {WrongValue.Count}, duplicated {Duplicated} ({Unexpected.Count} unexpected stored points, {Colliding.Count} produced readings sharing a series + timestamp)");
        foreach (var r in Lost.Take(examples))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  lost: {r.Gateway} outbox#{r.OutboxId} {r.Series.Measurement}/{r.Sensor}/{r.Quantity} captured {new DateTime(r.CaptureTicks, DateTimeKind.Utc):HH:mm:ss.ffffff} value {r.Value}");
        }

        if (Lost.Count > 0)
        {
            foreach (var gateway in Lost.GroupBy(r => r.Gateway))
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  lost from {gateway.Key}: {gateway.Count()} readings, outbox ids {gateway.Min(r => r.OutboxId)}..{gateway.Max(r => r.OutboxId)}, captured {new DateTime(gateway.Min(r => r.CaptureTicks), DateTimeKind.Utc):HH:mm:ss.fff}..{new DateTime(gateway.Max(r => r.CaptureTicks), DateTimeKind.Utc):HH:mm:ss.fff}");
            }
        }

        foreach (var r in WrongValue.Take(examples))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  wrong value: {r.Gateway} outbox#{r.OutboxId} {r.Series.Measurement}/{r.Sensor}/{r.Quantity} expected {r.Value}");
        }

        foreach (var (series, micros, value) in Unexpected.Take(examples))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  unexpected: {series} at {DateTime.UnixEpoch.AddTicks(micros * 10):HH:mm:ss.ffffff} value {value}");
        }

        foreach (var r in Colliding.Take(examples))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  same series + timestamp produced twice: {r.Gateway} outbox#{r.OutboxId} {r.Series}");
        }

        return text.ToString();
    }

    private static bool TryTake(Dictionary<long, double> points, long micros, out double value)
    {
        for (var delta = 0; delta <= ToleranceMicros; delta++)
        {
            if (points.Remove(micros + delta, out value) || (delta > 0 && points.Remove(micros - delta, out value)))
            {
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static bool Same(double stored, double produced) =>
        stored == produced || Math.Abs(stored - produced) <= 1e-9 * Math.Max(1, Math.Abs(produced));
}
