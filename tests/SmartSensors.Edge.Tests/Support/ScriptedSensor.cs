using SmartSensors.Devices;

namespace SmartSensors.Edge.Tests.Support;

/// <summary>A device-layer sensor whose behaviour the test scripts: fail, hang (ignoring cancellation) or answer.</summary>
internal sealed class ScriptedSensor(string id, Func<int, CancellationToken, ValueTask<SensorSample>> read) : ISensor
{
    private int _reads;

    public string Id { get; } = id;

    public string Kind => SensorKinds.SoilMoisture;

    public bool Disposed { get; private set; }

    public ValueTask<SensorSample> ReadAsync(CancellationToken cancellationToken) => read(Interlocked.Increment(ref _reads), cancellationToken);

    public void Dispose() => Disposed = true;
}
