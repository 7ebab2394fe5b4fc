using SmartSensors.Contracts;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>One reading a gateway committed to its outbox (so it must reach storage), as recorded by the audit trigger.</summary>
/// <param name="Gateway">The gateway that produced it.</param>
/// <param name="OutboxId">Its row id in the gateway's outbox (monotonic per gateway: capture order).</param>
/// <param name="Sensor">Sensor id.</param>
/// <param name="Kind">Sensor kind (decides the measurement).</param>
/// <param name="Quantity">Quantity (the stored field).</param>
/// <param name="Value">Value.</param>
/// <param name="CaptureTicks">Capture time, UTC ticks.</param>
internal sealed record ProducedReading(string Gateway, long OutboxId, string Sensor, SensorKind Kind, string Quantity, double Value, long CaptureTicks)
{
    /// <summary>Capture time in Unix microseconds (the wire carries microseconds).</summary>
    public long CaptureMicros => (CaptureTicks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>The stored series + field this reading lands in.</summary>
    public StoredSeries Series => new(StorageMapping.Measurement(Kind), Gateway, Sensor, Quantity);
}
