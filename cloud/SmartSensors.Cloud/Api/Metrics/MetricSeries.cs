namespace SmartSensors.Cloud.Api.Metrics;

/// <summary>One tag combination of one instrument: its sum or last value, or its histogram buckets.</summary>
internal sealed class MetricSeries
{
    public MetricSeries(string labels, int buckets)
    {
        Labels = labels;
        BucketCounts = buckets == 0 ? [] : new long[buckets + 1];
    }

    /// <summary>The rendered label set, e.g. <c>reason="out_of_range"</c> (empty when untagged).</summary>
    public string Labels { get; }

    /// <summary>Counter sum, up-down sum, last observed value, or histogram sum.</summary>
    public double Value { get; set; }

    /// <summary>Histogram: measurements recorded.</summary>
    public long Count { get; set; }

    /// <summary>Histogram: per-bucket (not cumulative) counts; the last is +Inf.</summary>
    public long[] BucketCounts { get; }
}
