using System.Runtime.InteropServices;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Tests.Support;

/// <summary>A kernel pipe: stands in for a GPIO line-request descriptor (both are pollable byte streams of records).</summary>
internal sealed unsafe partial class Pipe : IDisposable
{
    private int _read;
    private int _write;

    public Pipe()
    {
        var fds = stackalloc int[2];
        if (Pipe2(fds, Libc.OCloExec) != 0)
        {
            throw new IOException("pipe2 failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        _read = fds[0];
        _write = fds[1];
    }

    public int ReadFd => _read;

    public void Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            if (Libc.Write(_write, p, (nuint)data.Length) != data.Length)
            {
                throw new IOException("pipe write failed");
            }
        }
    }

    public void CloseWriteEnd()
    {
        var fd = Interlocked.Exchange(ref _write, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }

    public void Dispose()
    {
        CloseWriteEnd();
        var fd = Interlocked.Exchange(ref _read, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);
}
