using System.Collections.Concurrent;

namespace SmartSensors.Edge.Sampling;

/// <summary>Per-sensor error counters the samplers update and the health readings report. Thread-safe.</summary>
internal sealed class SensorHealthRegistry
{
    private readonly ConcurrentDictionary<string, SensorHealth> _sensors = new(StringComparer.Ordinal);
    private long _totalErrors;

    /// <summary>Sensor read errors since start, all sensors.</summary>
    public long TotalErrors => Interlocked.Read(ref _totalErrors);

    public SensorHealth For(string sensorId) => _sensors.GetOrAdd(sensorId, id => new SensorHealth(id));

    public IReadOnlyCollection<SensorHealth> All => _sensors.Values.ToList();

    public void RecordFailure(string sensorId, string reason)
    {
        For(sensorId).RecordFailure(reason);
        Interlocked.Increment(ref _totalErrors);
    }

    public void RecordSuccess(string sensorId) => For(sensorId).RecordSuccess();
}
