namespace SmartSensors.Benchmarks.Fleet;

/// <summary>A moment of the run: what the fleet had had acknowledged, CPU used so far, the probe's latest sample.</summary>
internal sealed record FleetMark(DateTimeOffset Time, long PublishedReadings, double BrokerCpu, double IngestCpu, double InfluxCpu, double HarnessCpu, ProbeSample? Probe);
