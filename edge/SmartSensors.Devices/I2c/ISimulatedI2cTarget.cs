namespace SmartSensors.Devices.I2c;

/// <summary>The device behind a <see cref="SimulatedI2cDevice"/>: sees every write and answers every read.</summary>
public interface ISimulatedI2cTarget
{
    /// <summary>A write transaction (also the write half of a write-read).</summary>
    void OnWrite(ReadOnlySpan<byte> data);

    /// <summary>A read transaction: fill <paramref name="buffer"/> completely.</summary>
    void OnRead(Span<byte> buffer);
}
