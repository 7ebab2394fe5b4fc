using System.Runtime.InteropServices;
using System.Text;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Gpio;

/// <summary>
/// GPIO through the kernel's v2 character-device uAPI on <c>/dev/gpiochipN</c>: one line request per pin
/// (GPIO_V2_GET_LINE_IOCTL) with edge detection and the kernel debounce attribute; edge events are read as
/// <c>gpio_v2_line_event</c> records (monotonic nanosecond timestamps) by one background thread per input.
/// Needs no libgpiod, so it works the same on Debian 12 (libgpiod 1.6) and 13 (libgpiod 2.x).
/// </summary>
public sealed class LinuxGpioController : GpioController
{
    private const string Consumer = "smartsensors";
    private readonly string _path;
    private readonly uint _lineCount;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, LineHandle> _lines = [];
    private readonly CallbackRegistry _callbacks = new();
    private int _chipFd;
    private long _lostEvents;
    private long _callbackFailures;

    public unsafe LinuxGpioController(string chip)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chip);
        _path = chip.StartsWith('/') ? chip : "/dev/" + chip;
        _chipFd = Libc.Open(_path, Libc.ORdWr | Libc.OCloExec);
        if (_chipFd < 0)
        {
            throw DeviceOpenError.Create(_path, Marshal.GetLastPInvokeError(), DeviceBusKind.Gpio);
        }

        GpioChipInfo info;
        if (Libc.Ioctl(_chipFd, GpioV2.ChipInfoIoctl, &info) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Libc.Close(_chipFd);
            _chipFd = -1;
            throw new IOException($"{_path} is not a GPIO character device (GPIO_GET_CHIPINFO_IOCTL: {Libc.Describe(errno)}).");
        }

        _lineCount = info.Lines;
    }

    /// <summary>Edges the kernel dropped because its event buffer overflowed (seen as gaps in line_seqno).</summary>
    public long LostEvents => Interlocked.Read(ref _lostEvents);

    /// <summary>Callbacks that threw (the exception is swallowed so the event thread keeps running).</summary>
    public long CallbackFailures => Interlocked.Read(ref _callbackFailures);

    public override unsafe void OpenPin(int pin, PinMode mode, GpioInputOptions? options = null)
    {
        var chipFd = CheckOpen();
        if (pin < 0 || pin >= _lineCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"{_path} has lines 0-{_lineCount - 1}.");
        }

        if (mode == PinMode.Output && options is not null)
        {
            throw new ArgumentException("Edge detection applies to inputs only.", nameof(options));
        }

        lock (_gate)
        {
            if (_lines.ContainsKey(pin))
            {
                throw new InvalidOperationException($"{_path} line {pin} is already open.");
            }

            var request = BuildRequest(pin, mode, options);
            if (Libc.Ioctl(chipFd, GpioV2.GetLineIoctl, &request) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                var hint = errno == Libc.EBusy ? " The line is used by another consumer (see `gpioinfo`)." : string.Empty;
                throw new IOException($"{_path} line {pin}: line request failed: {Libc.Describe(errno)}.{hint}");
            }

            var handle = new LineHandle(pin, request.Fd);
            _lines[pin] = handle;
            if (options is { Edges: not PinEventTypes.None })
            {
                handle.Reader = new GpioEventReader(request.Fd, $"gpio-{pin}", Raise, lost => Interlocked.Add(ref _lostEvents, lost));
                handle.Reader.Start();
            }
        }
    }

    public override void ClosePin(int pin)
    {
        LineHandle? handle;
        lock (_gate)
        {
            if (!_lines.Remove(pin, out handle))
            {
                return;
            }
        }

        _callbacks.Clear(pin);
        handle.Close();
    }

    public override bool IsPinOpen(int pin)
    {
        lock (_gate)
        {
            return _lines.ContainsKey(pin);
        }
    }

    public override unsafe PinValue Read(int pin)
    {
        var values = new GpioV2LineValues { Mask = 1 };
        if (Libc.Ioctl(Line(pin).Fd, GpioV2.GetValuesIoctl, &values) < 0)
        {
            throw new IOException($"{_path} line {pin}: read failed: {Libc.Describe(Marshal.GetLastPInvokeError())}.");
        }

        return (values.Bits & 1) != 0 ? PinValue.High : PinValue.Low;
    }

    public override unsafe void Write(int pin, PinValue value)
    {
        var values = new GpioV2LineValues { Mask = 1, Bits = value == PinValue.High ? 1UL : 0UL };
        if (Libc.Ioctl(Line(pin).Fd, GpioV2.SetValuesIoctl, &values) < 0)
        {
            throw new IOException($"{_path} line {pin}: write failed: {Libc.Describe(Marshal.GetLastPInvokeError())}.");
        }
    }

    public override void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        _ = Line(pin);
        _callbacks.Add(pin, eventTypes, callback);
    }

    public override void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangeEventHandler callback) => _callbacks.Remove(pin, callback);

    /// <summary>The line request the kernel gets for <paramref name="pin"/>: flags, debounce attribute, consumer label.</summary>
    internal static unsafe GpioV2LineRequest BuildRequest(int pin, PinMode mode, GpioInputOptions? options)
    {
        var request = default(GpioV2LineRequest);
        request.Offsets[0] = (uint)pin;
        request.NumLines = 1;
        request.EventBufferSize = 64;
        var name = Encoding.ASCII.GetBytes(Consumer);
        for (var i = 0; i < name.Length; i++)
        {
            request.Consumer[i] = name[i];
        }

        var flags = mode switch
        {
            PinMode.Output => GpioV2.FlagOutput,
            PinMode.InputPullUp => GpioV2.FlagInput | GpioV2.FlagBiasPullUp,
            PinMode.InputPullDown => GpioV2.FlagInput | GpioV2.FlagBiasPullDown,
            _ => GpioV2.FlagInput,
        };

        if (options is not null)
        {
            if ((options.Edges & PinEventTypes.Rising) != 0)
            {
                flags |= GpioV2.FlagEdgeRising;
            }

            if ((options.Edges & PinEventTypes.Falling) != 0)
            {
                flags |= GpioV2.FlagEdgeFalling;
            }

            if (options.Debounce > TimeSpan.Zero)
            {
                var us = (uint)Math.Min(options.Debounce.TotalMicroseconds, uint.MaxValue);
                request.Config.SetAttribute(0, new GpioV2LineConfigAttribute
                {
                    Attr = new GpioV2LineAttribute { Id = GpioV2.AttrDebounce, DebouncePeriodUs = us },
                    Mask = 1, // bit 0 = the first (only) line of this request
                });
                request.Config.NumAttrs = 1;
            }
        }

        request.Config.Flags = flags;
        return request;
    }

    /// <summary>Turns kernel event records into callbacks; counts line_seqno gaps as lost events.</summary>
    internal static int DecodeEvents(ReadOnlySpan<byte> records, ref uint lastLineSeqno, Action<PinValueChangedEventArgs> raise, out long lost)
    {
        lost = 0;
        var size = Marshal.SizeOf<GpioV2LineEvent>();
        var count = 0;
        for (var offset = 0; offset + size <= records.Length; offset += size)
        {
            var e = MemoryMarshal.Read<GpioV2LineEvent>(records[offset..]);
            if (lastLineSeqno != 0 && e.LineSeqno > lastLineSeqno + 1)
            {
                lost += e.LineSeqno - lastLineSeqno - 1;
            }

            lastLineSeqno = e.LineSeqno;
            var type = e.Id switch
            {
                GpioV2.EventRisingEdge => PinEventTypes.Rising,
                GpioV2.EventFallingEdge => PinEventTypes.Falling,
                _ => PinEventTypes.None,
            };
            if (type == PinEventTypes.None)
            {
                continue;
            }

            raise(new PinValueChangedEventArgs(type, (int)e.Offset, TimeSpan.FromTicks((long)(e.TimestampNs / 100))));
            count++;
        }

        return count;
    }

    protected override void Dispose(bool disposing)
    {
        LineHandle[] lines;
        lock (_gate)
        {
            lines = [.. _lines.Values];
            _lines.Clear();
        }

        foreach (var line in lines)
        {
            _callbacks.Clear(line.Pin);
            line.Close();
        }

        var fd = Interlocked.Exchange(ref _chipFd, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }

        base.Dispose(disposing);
    }

    private void Raise(PinValueChangedEventArgs e)
    {
        try
        {
            _callbacks.Raise(this, e);
        }
#pragma warning disable CA1031 // a throwing callback must not kill the event thread; it is counted in CallbackFailures
        catch (Exception)
#pragma warning restore CA1031
        {
            _ = Interlocked.Increment(ref _callbackFailures);
        }
    }

    private LineHandle Line(int pin)
    {
        _ = CheckOpen();
        lock (_gate)
        {
            return _lines.TryGetValue(pin, out var h) ? h : throw new InvalidOperationException($"{_path} line {pin} is not open.");
        }
    }

    private int CheckOpen()
    {
        var fd = _chipFd;
        ObjectDisposedException.ThrowIf(fd < 0, this);
        return fd;
    }

    private sealed class LineHandle(int pin, int fd)
    {
        public int Pin { get; } = pin;

        public int Fd { get; } = fd;

        public GpioEventReader? Reader { get; set; }

        public void Close()
        {
            Reader?.Dispose();
            _ = Libc.Close(Fd);
        }
    }
}
