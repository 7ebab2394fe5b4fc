using System.Runtime.InteropServices;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Serial;

/// <summary>
/// A Linux tty through termios: opened O_NOCTTY|O_NONBLOCK, set raw 8N1 at the requested speed with VMIN=0/VTIME=0,
/// read after <c>poll()</c> so timeouts and cancellation are honoured without a blocked thread.
/// </summary>
public sealed class LinuxSerialPort : SerialPort
{
    private const int PollSliceMs = 100;
    private readonly string _path;
    private readonly int _baudRate;
    private int _fd;

    public LinuxSerialPort(string portName, int baudRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        if (!Termios.TryGetSpeed(baudRate, out var speed))
        {
            throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "Unsupported baud rate: use 1200-921600 (9600 for SDS011/PMS5003/A02YYUW).");
        }

        _path = portName;
        _baudRate = baudRate;
        _fd = Libc.Open(portName, Libc.ORdWr | Libc.ONoCtty | Libc.ONonBlock | Libc.OCloExec);
        if (_fd < 0)
        {
            throw DeviceOpenError.Create(portName, Marshal.GetLastPInvokeError(), DeviceBusKind.Serial);
        }

        try
        {
            Configure(speed);
        }
        catch
        {
            _ = Libc.Close(_fd);
            _fd = -1;
            throw;
        }
    }

    public override string PortName => _path;

    public override int BaudRate => _baudRate;

    /// <summary>The termios settings now in force (read back from the driver), for diagnostics and tests.</summary>
    internal unsafe TermiosStruct ReadSettings()
    {
        TermiosStruct t;
        if (Libc.TcGetAttr(CheckOpen(), &t) < 0)
        {
            throw new IOException($"{_path}: tcgetattr failed: {Libc.Describe(Marshal.GetLastPInvokeError())}.");
        }

        return t;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var deadline = Environment.TickCount64 + (long)Math.Max(0, timeout.TotalMilliseconds);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = deadline - Environment.TickCount64;
            var slice = (int)Math.Clamp(remaining, 0, PollSliceMs);

            // poll() blocks a thread for at most one slice; run it off the caller's context.
            var n = await Task.Run(() => PollAndRead(buffer, slice), cancellationToken).ConfigureAwait(false);
            if (n > 0 || remaining <= 0)
            {
                return n;
            }
        }
    }

    public override unsafe void Write(ReadOnlySpan<byte> data)
    {
        var fd = CheckOpen();
        var written = 0;
        var spins = 0;
        fixed (byte* p = data)
        {
            while (written < data.Length)
            {
                var n = Libc.Write(fd, p + written, (nuint)(data.Length - written));
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if ((errno == Libc.EAgain || errno == Libc.EIntr) && spins++ < 100)
                    {
                        Thread.Sleep(1); // output buffer full on a non-blocking tty: let the UART drain
                        continue;
                    }

                    throw new IOException($"{_path}: write failed: {Libc.Describe(errno)}.");
                }

                written += (int)n;
            }
        }
    }

    public override void DiscardInBuffer()
    {
        if (Libc.TcFlush(CheckOpen(), Termios.TcIFlush) < 0)
        {
            throw new IOException($"{_path}: tcflush failed: {Libc.Describe(Marshal.GetLastPInvokeError())}.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }

        base.Dispose(disposing);
    }

    private unsafe void Configure(uint speed)
    {
        TermiosStruct t;
        if (Libc.TcGetAttr(_fd, &t) < 0)
        {
            throw new IOException($"{_path} is not a serial device (tcgetattr failed: {Libc.Describe(Marshal.GetLastPInvokeError())}).");
        }

        Termios.ConfigureRaw8N1(ref t, speed, vmin: 0, vtime: 0);
        if (Libc.TcSetAttr(_fd, Termios.TcsaNow, &t) < 0)
        {
            throw new IOException($"{_path}: tcsetattr failed: {Libc.Describe(Marshal.GetLastPInvokeError())}.");
        }

        TermiosStruct check;
        if (Libc.TcGetAttr(_fd, &check) < 0 || (check.CFlag & Termios.CSize) != Termios.Cs8 || (check.LFlag & Termios.ICanon) != 0)
        {
            throw new IOException($"{_path}: the driver did not accept raw 8N1 at {_baudRate} baud.");
        }

        _ = Libc.TcFlush(_fd, Termios.TcIOFlush);
    }

    private unsafe int PollAndRead(Memory<byte> buffer, int timeoutMs)
    {
        var fd = CheckOpen();
        var pfd = new PollFd { Fd = fd, Events = Libc.PollIn };
        var ready = Libc.Poll(&pfd, 1, timeoutMs);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.EIntr ? 0 : throw new IOException($"{_path}: poll failed: {Libc.Describe(errno)}.");
        }

        if (ready == 0)
        {
            return 0;
        }

        using var pin = buffer.Pin();
        var n = Libc.Read(fd, (byte*)pin.Pointer, (nuint)buffer.Length);
        if (n < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Libc.EAgain or Libc.EIntr ? 0 : throw new IOException($"{_path}: read failed: {Libc.Describe(errno)}.");
        }

        if (n == 0 && (pfd.REvents & ~Libc.PollIn) != 0)
        {
            throw new IOException($"{_path}: the device hung up (USB adapter unplugged?).");
        }

        return (int)n;
    }

    private int CheckOpen()
    {
        var fd = _fd;
        ObjectDisposedException.ThrowIf(fd < 0, this);
        return fd;
    }
}
