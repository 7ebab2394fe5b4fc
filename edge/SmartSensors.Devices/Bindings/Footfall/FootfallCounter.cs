using SmartSensors.Devices.Gpio;

namespace SmartSensors.Devices.Bindings.Footfall;

/// <summary>
/// Counts people passing a beam-break (or PIR) sensor on GPIO. Count, never identify: only totals per interval
/// are kept — the one timestamp held per beam is the last break, needed for debounce and pairing, and is
/// overwritten by the next.
/// <para>Edges are debounced twice: by the kernel (line debounce attribute) and in software with a lockout
/// (<c>minPassage</c>) after each counted break, so one person's legs or a PIR's retrigger count once.</para>
/// <para>With a second beam (A on the "outside", B on the "inside", a few cm apart) a break of A followed within
/// the direction window by a break of B counts as In; B then A counts as Out.</para>
/// </summary>
public sealed class FootfallCounter : IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pinA;
    private readonly int? _pinB;
    private readonly TimeSpan _lockout;
    private readonly TimeSpan _window;
    private readonly Lock _gate = new();
    private TimeSpan? _lastA;
    private TimeSpan? _lastB;
    private TimeSpan? _pendingA;
    private TimeSpan? _pendingB;
    private long _passages;
    private long _in;
    private long _out;
    private long _unpaired;

    public FootfallCounter(GpioController gpio, int pinA, int? pinB, PinEventTypes activeEdge, TimeSpan debounce, TimeSpan minPassage, TimeSpan directionWindow)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        if (activeEdge is not (PinEventTypes.Rising or PinEventTypes.Falling))
        {
            throw new ArgumentOutOfRangeException(nameof(activeEdge), activeEdge, "The active edge is Rising or Falling.");
        }

        _gpio = gpio;
        _pinA = pinA;
        _pinB = pinB;
        _lockout = minPassage > debounce ? minPassage : debounce;
        _window = directionWindow;

        // Beam receivers are open-collector outputs: pull-up for a falling active edge, pull-down for a rising one.
        var mode = activeEdge == PinEventTypes.Falling ? PinMode.InputPullUp : PinMode.InputPullDown;
        var options = new GpioInputOptions(activeEdge, debounce);
        gpio.OpenPin(pinA, mode, options);
        gpio.RegisterCallbackForPinValueChangedEvent(pinA, activeEdge, OnEdge);
        if (pinB is { } b)
        {
            gpio.OpenPin(b, mode, options);
            gpio.RegisterCallbackForPinValueChangedEvent(b, activeEdge, OnEdge);
        }
    }

    public bool HasDirection => _pinB is not null;

    /// <summary>Returns the counts since the previous call and starts a new interval.</summary>
    public FootfallCounts TakeCounts()
    {
        lock (_gate)
        {
            var counts = new FootfallCounts(_passages, _in, _out, _unpaired);
            _passages = _in = _out = _unpaired = 0;
            return counts;
        }
    }

    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_pinA, OnEdge);
        _gpio.ClosePin(_pinA);
        if (_pinB is { } b)
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(b, OnEdge);
            _gpio.ClosePin(b);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        lock (_gate)
        {
            var isA = e.PinNumber == _pinA;
            ref var last = ref isA ? ref _lastA : ref _lastB;
            if (last is { } previous && e.Timestamp - previous < _lockout && e.Timestamp >= previous)
            {
                return; // bounce, second leg or PIR retrigger
            }

            last = e.Timestamp;
            if (_pinB is null)
            {
                _passages++;
                return;
            }

            ref var mine = ref isA ? ref _pendingA : ref _pendingB;
            ref var other = ref isA ? ref _pendingB : ref _pendingA;
            ExpireIfStale(ref other, e.Timestamp);
            ExpireIfStale(ref mine, e.Timestamp);
            if (other is not null)
            {
                other = null;
                _passages++;
                if (isA)
                {
                    _out++; // B then A
                }
                else
                {
                    _in++;  // A then B
                }

                return;
            }

            if (mine is not null)
            {
                _unpaired++; // the same beam broke twice with no break of the other in between
            }

            mine = e.Timestamp;
        }
    }

    private void ExpireIfStale(ref TimeSpan? pending, TimeSpan now)
    {
        if (pending is { } t && (now - t > _window || now < t))
        {
            pending = null;
            _unpaired++;
        }
    }
}
