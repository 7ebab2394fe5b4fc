using System.Runtime.InteropServices;
using System.Text;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Tests.Support;

/// <summary>
/// A real pseudo-terminal pair (posix_openpt/grantpt/unlockpt/ptsname_r): the slave path is a genuine tty, so
/// <see cref="Serial.LinuxSerialPort"/> runs its whole termios + poll + read path against the kernel's tty layer;
/// the test plays the sensor on the master side.
/// </summary>
internal sealed unsafe class PseudoTerminal : IDisposable
{
    private int _master;

    public PseudoTerminal()
    {
        _master = Libc.PosixOpenPt(Libc.ORdWr | Libc.ONoCtty | Libc.OCloExec);
        if (_master < 0)
        {
            throw new IOException("posix_openpt failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        if (Libc.GrantPt(_master) < 0 || Libc.UnlockPt(_master) < 0)
        {
            throw new IOException("grantpt/unlockpt failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        var buffer = stackalloc byte[256];
        if (Libc.PtsNameR(_master, buffer, 256) != 0)
        {
            throw new IOException("ptsname_r failed");
        }

        SlavePath = Encoding.ASCII.GetString(new ReadOnlySpan<byte>(buffer, 256)[..new ReadOnlySpan<byte>(buffer, 256).IndexOf((byte)0)]);
    }

    public string SlavePath { get; }

    /// <summary>The "sensor" sends bytes.</summary>
    public void Send(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var n = Libc.Write(_master, p, (nuint)data.Length);
            if (n != data.Length)
            {
                throw new IOException("pty master write failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
            }
        }
    }

    /// <summary>Reads what the port wrote, waiting up to <paramref name="timeoutMs"/>.</summary>
    public byte[] Receive(int max, int timeoutMs)
    {
        var pfd = new PollFd { Fd = _master, Events = Libc.PollIn };
        if (Libc.Poll(&pfd, 1, timeoutMs) <= 0)
        {
            return [];
        }

        var buffer = new byte[max];
        fixed (byte* p = buffer)
        {
            var n = Libc.Read(_master, p, (nuint)max);
            return n <= 0 ? [] : buffer[..(int)n];
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _master, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }
}
