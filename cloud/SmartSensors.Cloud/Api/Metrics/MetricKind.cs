namespace SmartSensors.Cloud.Api.Metrics;

/// <summary>How an instrument's measurements are aggregated and exposed.</summary>
internal enum MetricKind
{
    /// <summary>Counter: summed, exposed as <c>_total</c>.</summary>
    Counter = 1,

    /// <summary>Observable counter: the observed cumulative value, exposed as <c>_total</c>.</summary>
    ObservedCounter = 2,

    /// <summary>Up-down counter: summed, exposed as a gauge.</summary>
    UpDownCounter = 3,

    /// <summary>Observable gauge or up-down counter, or gauge: the last value.</summary>
    Gauge = 4,

    /// <summary>Histogram: <c>_bucket</c>, <c>_sum</c>, <c>_count</c>.</summary>
    Histogram = 5,
}
