using System.Diagnostics.Metrics;

namespace SmartSensors.Cloud.Observability;

/// <summary>Instruments of the <c>SmartSensors.Ingest</c> meter.</summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "SmartSensors.Ingest";

    private long _inFlight;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Received = meter.CreateCounter<long>("smartsensors.ingest.received", "{pack}", "Packs received from the broker.");
        ReadingsWritten = meter.CreateCounter<long>("smartsensors.ingest.written", "{reading}", "Readings InfluxDB stored (2xx) and whose packs were acknowledged.");
        PacksWritten = meter.CreateCounter<long>("smartsensors.ingest.packs_written", "{pack}", "Packs whose readings InfluxDB stored and that were acknowledged.");
        Refused = meter.CreateCounter<long>("smartsensors.ingest.refused", "{pack}", "Packs refused, tagged by reason code (a pack with several reasons counts once per reason).");
        DeadLettered = meter.CreateCounter<long>("smartsensors.ingest.dead_lettered", "{pack}", "Packs stored in the dead-letter store and acknowledged.");
        DeadLettersEvicted = meter.CreateCounter<long>("smartsensors.ingest.dead_letters_evicted", "{pack}", "Dead letters evicted by the count or age bound.");
        BatchLatency = meter.CreateHistogram<double>("smartsensors.ingest.batch_latency", "s", "Time from a pack being queued for a batch until the InfluxDB write containing it returned 2xx.");
        Lag = meter.CreateHistogram<double>("smartsensors.ingest.lag", "s", "Time from the capture of a pack's oldest reading until it was stored.");
        meter.CreateObservableGauge("smartsensors.ingest.in_flight", () => Interlocked.Read(ref _inFlight), "{pack}", "Packs received and not yet acknowledged.");
    }

    public Counter<long> Received { get; }

    public Counter<long> ReadingsWritten { get; }

    public Counter<long> PacksWritten { get; }

    public Counter<long> Refused { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> DeadLettersEvicted { get; }

    public Histogram<double> BatchLatency { get; }

    public Histogram<double> Lag { get; }

    /// <summary>Packs received and not yet acknowledged.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    public void PackTaken() => Interlocked.Increment(ref _inFlight);

    public void PackSettled() => Interlocked.Decrement(ref _inFlight);

    public void PackSettled(long count) => Interlocked.Add(ref _inFlight, -count);
}
