namespace SmartSensors.Benchmarks.Fleet;

/// <summary>Rates, lag, memory and CPU between two <see cref="FleetMark"/>s.</summary>
internal sealed record PhaseSummary(
    double Seconds,
    double OfferedReadingsPerSecond,
    double IngestedReadingsPerSecond,
    LagHistogram LiveLag,
    long MaxGcHeapBytes,
    long MaxWorkingSetBytes,
    double BrokerCpuPercent,
    double IngestCpuPercent,
    double InfluxCpuPercent,
    double HarnessCpuPercent,
    double ReadingsPublished);
