namespace SmartSensors.Devices;

/// <summary>
/// One physical (or simulated) sensor as the gateway's sampler sees it. Implementations are not
/// thread-safe: the sampler calls <see cref="ReadAsync"/> from one loop at a time.
/// </summary>
public interface ISensor : IDisposable
{
    /// <summary>The configured sensor id, e.g. <c>bed14</c> (becomes the SenML name segment).</summary>
    string Id { get; }

    /// <summary>One of <see cref="SensorKinds"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// Takes one reading. Throws <see cref="SensorReadException"/> when the device gave no valid data
    /// (bus error, no valid frame before the timeout, bad CRC) and <see cref="OperationCanceledException"/>
    /// when cancelled. Never throws for a corrupt serial frame it managed to skip.
    /// </summary>
    ValueTask<SensorSample> ReadAsync(CancellationToken cancellationToken);
}
