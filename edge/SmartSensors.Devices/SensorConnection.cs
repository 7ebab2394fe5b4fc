namespace SmartSensors.Devices;

/// <summary>An opened, initialised device behind a <see cref="BindingSensor"/>: how to read it and what to close.</summary>
internal sealed class SensorConnection(Func<CancellationToken, ValueTask<IReadOnlyList<Quantity>>> read, params IDisposable[] owned) : IDisposable
{
    public ValueTask<IReadOnlyList<Quantity>> ReadAsync(CancellationToken cancellationToken) => read(cancellationToken);

    public void Dispose()
    {
        foreach (var d in owned.Reverse())
        {
            d.Dispose();
        }
    }
}
