namespace SmartSensors.Devices.Serial;

/// <summary>
/// A UART, shaped after System.IO.Ports.SerialPort (which the registry lacks) but async with explicit timeouts.
/// </summary>
public abstract class SerialPort : IDisposable
{
    /// <summary>Device path, e.g. <c>/dev/ttyAMA0</c>.</summary>
    public abstract string PortName { get; }

    /// <summary>Configured baud rate.</summary>
    public abstract int BaudRate { get; }

    /// <summary>Opens a Linux serial device raw 8N1 at <paramref name="baudRate"/>.</summary>
    public static SerialPort Open(string portName, int baudRate) => new LinuxSerialPort(portName, baudRate);

    /// <summary>
    /// Reads what is available (at least one byte) into <paramref name="buffer"/>, waiting at most
    /// <paramref name="timeout"/>. Returns 0 when the timeout passed with nothing received.
    /// </summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public abstract void Write(ReadOnlySpan<byte> data);

    /// <summary>Drops bytes received but not read yet (so the next frame is fresh).</summary>
    public abstract void DiscardInBuffer();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
