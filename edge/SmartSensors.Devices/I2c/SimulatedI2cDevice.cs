namespace SmartSensors.Devices.I2c;

/// <summary>
/// An I2C device on a simulated bus: transactions go to an <see cref="ISimulatedI2cTarget"/> (a register map or a
/// command-driven chip model). <see cref="FailNextTransactions"/> makes the next transactions fail as a NACK would.
/// </summary>
public sealed class SimulatedI2cDevice : I2cDevice
{
    private readonly ISimulatedI2cTarget _target;
    private readonly Lock _gate = new();
    private int _failures;

    public SimulatedI2cDevice(I2cConnectionSettings settings, ISimulatedI2cTarget target)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        ConnectionSettings = settings;
        _target = target;
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>The target, for tests and simulation scenarios.</summary>
    public ISimulatedI2cTarget Target => _target;

    /// <summary>Number of transactions completed.</summary>
    public int Transactions { get; private set; }

    /// <summary>The next <paramref name="count"/> transactions throw <see cref="IOException"/> (no acknowledge).</summary>
    public void FailNextTransactions(int count)
    {
        lock (_gate)
        {
            _failures = count;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            CheckFault();
            _target.OnRead(buffer);
            Transactions++;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            CheckFault();
            _target.OnWrite(buffer);
            Transactions++;
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            CheckFault();
            _target.OnWrite(writeBuffer);
            _target.OnRead(readBuffer);
            Transactions++;
        }
    }

    private void CheckFault()
    {
        if (_failures > 0)
        {
            _failures--;
            throw new IOException($"simulated i2c-{ConnectionSettings.BusId} 0x{ConnectionSettings.DeviceAddress:X2}: no acknowledge (Remote I/O error).");
        }
    }
}
