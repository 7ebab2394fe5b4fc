using System.Runtime.InteropServices;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Gpio;

/// <summary>
/// Reads <c>gpio_v2_line_event</c> records from a line-request file descriptor on a background thread:
/// <c>poll()</c> with a 200 ms timeout (so <see cref="Dispose"/> stops it promptly), <c>read()</c> up to 16 records,
/// decode, raise. Gaps in the kernel's per-line sequence numbers are reported as lost events.
/// </summary>
internal sealed class GpioEventReader : IDisposable
{
    private const int PollTimeoutMs = 200;
    private readonly int _fd;
    private readonly Action<PinValueChangedEventArgs> _raise;
    private readonly Action<long> _lost;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;

    public GpioEventReader(int fd, string name, Action<PinValueChangedEventArgs> raise, Action<long> lost)
    {
        _fd = fd;
        _raise = raise;
        _lost = lost;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Set when the descriptor failed (not EINTR/EAGAIN); the thread has stopped.</summary>
    public string? Failure { get; private set; }

    /// <summary>Completes when the thread has stopped (disposed, or the descriptor failed).</summary>
    public Task Completion => _completion.Task;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _ = _thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    private void Run()
    {
        try
        {
            Loop();
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private unsafe void Loop()
    {
        var size = sizeof(GpioV2LineEvent);
        var buffer = new byte[16 * size];
        uint lastSeq = 0;
        while (!_stopping)
        {
            var pfd = new PollFd { Fd = _fd, Events = Libc.PollIn };
            var ready = Libc.Poll(&pfd, 1, PollTimeoutMs);
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr)
                {
                    continue;
                }

                Failure = "poll: " + Libc.Describe(errno);
                return;
            }

            if (ready == 0 || _stopping)
            {
                continue;
            }

            nint n;
            fixed (byte* p = buffer)
            {
                n = Libc.Read(_fd, p, (nuint)buffer.Length);
            }

            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Libc.EIntr or Libc.EAgain)
                {
                    continue;
                }

                Failure = "read: " + Libc.Describe(errno);
                return;
            }

            if (n == 0)
            {
                Failure = "end of file (line request closed)";
                return;
            }

            _ = LinuxGpioController.DecodeEvents(buffer.AsSpan(0, (int)n), ref lastSeq, _raise, out var lost);
            if (lost > 0)
            {
                _lost(lost);
            }
        }
    }
}
