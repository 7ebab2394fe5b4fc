using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SmartSensors.Cloud.Api.Metrics;

/// <summary>What the exporter keeps for one instrument: its Prometheus name, kind and series (bounded in number).</summary>
internal sealed class MetricState
{
    /// <summary>Most tag combinations kept per instrument (beyond it new ones are not exported).</summary>
    public const int MaxSeries = 2_000;

    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
    private readonly Dictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public MetricState(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Kind = KindOf(instrument);
        Help = instrument.Description ?? instrument.Name;
        var unit = UnitSuffix(instrument.Unit);
        var name = Sanitise(instrument.Name);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        Name = Kind is MetricKind.Counter or MetricKind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        Buckets = Kind == MetricKind.Histogram ? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets) : [];
        InstrumentName = instrument.Name;
    }

    public string InstrumentName { get; }

    /// <summary>The Prometheus metric family name.</summary>
    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    public IReadOnlyList<double> Buckets { get; }

    /// <summary>Whether a new series was refused because of <see cref="MaxSeries"/> (reported once).</summary>
    public bool Saturated { get; private set; }

    /// <summary>Records one measurement; false when it opened a series beyond <see cref="MaxSeries"/> (not kept).</summary>
    public bool Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_gate)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                if (_series.Count >= MaxSeries)
                {
                    var first = !Saturated;
                    Saturated = true;
                    return !first;
                }

                series = new MetricSeries(labels, Buckets.Count);
                _series.Add(labels, series);
            }

            switch (Kind)
            {
                case MetricKind.Counter:
                case MetricKind.UpDownCounter:
                    series.Value += value;
                    break;
                case MetricKind.ObservedCounter:
                case MetricKind.Gauge:
                    series.Value = value;
                    break;
                case MetricKind.Histogram:
                    series.Value += value;
                    series.Count++;
                    var bucket = 0;
                    while (bucket < Buckets.Count && value > Buckets[bucket])
                    {
                        bucket++;
                    }

                    series.BucketCounts[bucket]++;
                    break;
            }
        }

        return true;
    }

    /// <summary>Appends this instrument in the text exposition format 0.0.4.</summary>
    public void Write(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
        {
            if (_series.Count == 0)
            {
                return;
            }

            var type = Kind switch
            {
                MetricKind.Counter or MetricKind.ObservedCounter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            };
            output.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(Help)).Append('\n');
            output.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var series in _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (Kind != MetricKind.Histogram)
                {
                    Sample(output, Name, series.Labels, null, series.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i <= Buckets.Count; i++)
                {
                    cumulative += series.BucketCounts[i];
                    var le = i < Buckets.Count ? Number(Buckets[i]) : "+Inf";
                    Sample(output, Name + "_bucket", series.Labels, $"le=\"{le}\"", cumulative);
                }

                Sample(output, Name + "_sum", series.Labels, null, series.Value);
                Sample(output, Name + "_count", series.Labels, null, series.Count);
            }
        }
    }

    /// <summary>A Prometheus metric or label name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, other characters as <c>_</c>.</summary>
    public static string Sanitise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static MetricKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return definition == typeof(Counter<>) ? MetricKind.Counter
            : definition == typeof(ObservableCounter<>) ? MetricKind.ObservedCounter
            : definition == typeof(UpDownCounter<>) ? MetricKind.UpDownCounter
            : definition == typeof(Histogram<>) ? MetricKind.Histogram
            : MetricKind.Gauge;
    }

    private static string UnitSuffix(string? unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "%" => "percent",
        _ => string.Empty, // dimensionless and annotations such as {pack}
    };

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(Sanitise(key)).Append("=\"").Append(EscapeLabel(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
        }

        return builder.ToString();
    }

    private static void Sample(StringBuilder output, string name, string labels, string? extra, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || extra is not null)
        {
            output.Append('{').Append(labels);
            if (extra is not null)
            {
                output.Append(labels.Length > 0 ? "," : string.Empty).Append(extra);
            }

            output.Append('}');
        }

        output.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
