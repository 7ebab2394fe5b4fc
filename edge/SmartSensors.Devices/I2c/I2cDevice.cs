namespace SmartSensors.Devices.I2c;

/// <summary>
/// One device on an I2C bus, shaped like System.Device.I2c.I2cDevice so the real package can replace it.
/// Bus errors (NACK, arbitration loss, missing device) surface as <see cref="IOException"/>.
/// </summary>
public abstract class I2cDevice : IDisposable
{
    /// <summary>The bus and address this device talks to.</summary>
    public abstract I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Opens a device on the Linux kernel's i2c-dev interface (<c>/dev/i2c-N</c>).</summary>
    public static I2cDevice Create(I2cConnectionSettings settings) => new LinuxI2cDevice(settings);

    /// <summary>Reads <paramref name="buffer"/>.Length bytes in one transaction.</summary>
    public abstract void Read(Span<byte> buffer);

    /// <summary>Writes <paramref name="buffer"/> in one transaction.</summary>
    public abstract void Write(ReadOnlySpan<byte> buffer);

    /// <summary>Writes then reads with a repeated start (no stop in between), e.g. register pointer then data.</summary>
    public abstract void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer);

    /// <summary>Reads one byte.</summary>
    public virtual byte ReadByte()
    {
        Span<byte> b = stackalloc byte[1];
        Read(b);
        return b[0];
    }

    /// <summary>Writes one byte.</summary>
    public virtual void WriteByte(byte value) => Write([value]);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
