using SmartSensors.Devices.Bindings.Sds011;
using SmartSensors.Devices.Interop;
using SmartSensors.Devices.Serial;
using SmartSensors.Devices.Tests.Support;

namespace SmartSensors.Devices.Tests.Serial;

/// <summary>The termios path against the kernel's real tty layer, on a pseudo-terminal (no UART needed).</summary>
public sealed class LinuxSerialPortTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void Open_Pty_DriverAcceptsRaw8N1At9600()
    {
        using var pty = new PseudoTerminal();
        using var port = new LinuxSerialPort(pty.SlavePath, 9600);

        var t = port.ReadSettings();
        Assert.Equal(Termios.Cs8, t.CFlag & Termios.CSize);
        Assert.Equal(0u, t.CFlag & (Termios.ParEnb | Termios.CStopB));
        Assert.Equal(0u, t.LFlag & (Termios.ICanon | Termios.Echo | Termios.ISig));
        Assert.Equal(0u, t.IFlag & (Termios.ICrNl | Termios.IXOn));
        Assert.Equal(0xDu, t.CFlag & Termios.CBaud);
    }

    [Fact]
    public async Task ReadAsync_BytesFromDevice_ArriveUntranslated()
    {
        using var pty = new PseudoTerminal();
        using var port = new LinuxSerialPort(pty.SlavePath, 9600);

        // 0x0D and 0x11 (XON) would be translated or eaten by a cooked tty.
        byte[] sent = [0xAA, 0x0D, 0x0A, 0x11, 0x13, 0x03, 0xFF];
        pty.Send(sent);

        var received = new List<byte>();
        var buffer = new byte[64];
        using var cts = new CancellationTokenSource(Generous);
        while (received.Count < sent.Length)
        {
            var n = await port.ReadAsync(buffer, TimeSpan.FromSeconds(5), cts.Token);
            Assert.True(n > 0, "timed out waiting for bytes from the pty");
            received.AddRange(buffer[..n]);
        }

        Assert.Equal(sent, received);
    }

    [Fact]
    public void Write_ToDevice_ArrivesUntranslated()
    {
        using var pty = new PseudoTerminal();
        using var port = new LinuxSerialPort(pty.SlavePath, 9600);
        byte[] command = [0xAA, 0xB4, 0x06, 0x01, 0x0A, 0xAB];

        port.Write(command);

        Assert.Equal(command, pty.Receive(64, 30_000));
    }

    [Fact]
    public async Task ReadAsync_NothingSent_ReturnsZeroAfterTimeout()
    {
        using var pty = new PseudoTerminal();
        using var port = new LinuxSerialPort(pty.SlavePath, 9600);

        var n = await port.ReadAsync(new byte[16], TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.Equal(0, n);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var pty = new PseudoTerminal();
        using var port = new LinuxSerialPort(pty.SlavePath, 9600);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await port.ReadAsync(new byte[16], Generous, cts.Token));
    }

    [Fact]
    public async Task Sds011_OverPty_GarbageThenFrame_DecodesAndCounts()
    {
        using var pty = new PseudoTerminal();
        using var port = new LinuxSerialPort(pty.SlavePath, 9600);
        var sds = new Sds011(port);

        var read = sds.ReadAsync(Generous, CancellationToken.None).AsTask();

        // The reader flushes stale input first; send after it started waiting.
        pty.Send([0x00, 0xAA, 0x13, 0xAA, 0xC0, 0xD4, 0x04, 0x3A, 0x0A, 0xA1, 0x60, 0x1D, 0xAB]);
        var reading = await read.WaitAsync(Generous);

        Assert.Equal(123.6, reading.Pm25, 3);
        Assert.Equal(261.8, reading.Pm10, 3);
    }

    [Fact]
    public void Open_NotATty_ClearError()
    {
        var ex = Assert.Throws<IOException>(() => new LinuxSerialPort("/dev/null", 9600));
        Assert.Contains("/dev/null is not a serial device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingDevice_NamesPathAndFix()
    {
        var ex = Assert.Throws<IOException>(() => new LinuxSerialPort("/dev/ttyAMA-smartsensors-missing", 9600));
        Assert.Contains("/dev/ttyAMA-smartsensors-missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("enable_uart=1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnsupportedBaud_Refused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LinuxSerialPort("/dev/null", 12345));
        Assert.Contains("baud", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
