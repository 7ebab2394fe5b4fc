using System.Diagnostics.Metrics;

namespace SmartSensors.Influx.Write;

/// <summary>Writer instruments on the <c>SmartSensors.Influx</c> meter.</summary>
internal sealed class InfluxWriterMetrics : IDisposable
{
    public const string MeterName = "SmartSensors.Influx";

    private readonly Meter? _ownedMeter;

    public InfluxWriterMetrics(IMeterFactory? meterFactory, Func<int> queueLength)
    {
        Meter meter = meterFactory?.Create(MeterName) ?? (_ownedMeter = new Meter(MeterName));
        PointsWritten = meter.CreateCounter<long>("smartsensors.influx.points_written", "{point}", "Lines InfluxDB stored (2xx).");
        Batches = meter.CreateCounter<long>("smartsensors.influx.batches", "{batch}", "Batches written (2xx).");
        Retries = meter.CreateCounter<long>("smartsensors.influx.retries", "{request}", "Write requests retried after a transient or configuration error.");
        LinesRejected = meter.CreateCounter<long>("smartsensors.influx.lines_rejected", "{point}", "Lines InfluxDB permanently refused.");
        ItemsFailed = meter.CreateCounter<long>("smartsensors.influx.items_failed", "{item}", "Items not written (writer stopped or attempts exhausted).");
        BatchLatency = meter.CreateHistogram<double>("smartsensors.influx.batch_duration", "s", "Time from a batch being sent until InfluxDB stored it, retries included.");
        meter.CreateObservableGauge("smartsensors.influx.queue_length", queueLength, "{item}", "Items waiting to be batched.");
    }

    public Counter<long> PointsWritten { get; }

    public Counter<long> Batches { get; }

    public Counter<long> Retries { get; }

    public Counter<long> LinesRejected { get; }

    public Counter<long> ItemsFailed { get; }

    public Histogram<double> BatchLatency { get; }

    public void Dispose() => _ownedMeter?.Dispose();
}
