namespace SmartSensors.Benchmarks.Fleet;

/// <summary>The burst drained by mosquitto_sub instead of the ingestor: gateway-side and consumer-side seconds.</summary>
internal sealed record BurstReference(double PublishSeconds, double DrainSeconds, double SubscriberCpuSeconds, PhaseSummary Phase);
