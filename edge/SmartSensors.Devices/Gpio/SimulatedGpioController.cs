namespace SmartSensors.Devices.Gpio;

/// <summary>
/// GPIO lines in memory. <see cref="InjectEdge"/> changes an input's level at a given (monotonic) timestamp and raises
/// the callbacks synchronously, as the Linux controller's event thread would. Edges the line was not opened to
/// detect change the level silently. Kernel debounce is not emulated: the options are recorded for inspection.
/// </summary>
public sealed class SimulatedGpioController : GpioController
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (PinMode Mode, GpioInputOptions? Options)> _open = [];
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly CallbackRegistry _callbacks = new();

    /// <summary>The options an input was opened with, or null.</summary>
    public GpioInputOptions? OptionsOf(int pin)
    {
        lock (_gate)
        {
            return _open.TryGetValue(pin, out var o) ? o.Options : null;
        }
    }

    public override void OpenPin(int pin, PinMode mode, GpioInputOptions? options = null)
    {
        lock (_gate)
        {
            if (_open.ContainsKey(pin))
            {
                throw new InvalidOperationException($"GPIO line {pin} is already open.");
            }

            _open[pin] = (mode, options);
            if (!_levels.ContainsKey(pin))
            {
                _levels[pin] = mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
            }
        }
    }

    public override void ClosePin(int pin)
    {
        lock (_gate)
        {
            _ = _open.Remove(pin);
        }

        _callbacks.Clear(pin);
    }

    public override bool IsPinOpen(int pin)
    {
        lock (_gate)
        {
            return _open.ContainsKey(pin);
        }
    }

    public override PinValue Read(int pin)
    {
        lock (_gate)
        {
            EnsureOpen(pin);
            return _levels[pin];
        }
    }

    public override void Write(int pin, PinValue value)
    {
        lock (_gate)
        {
            EnsureOpen(pin);
            if (_open[pin].Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"GPIO line {pin} is an input.");
            }

            _levels[pin] = value;
        }
    }

    public override void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            EnsureOpen(pin);
        }

        _callbacks.Add(pin, eventTypes, callback);
    }

    public override void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangeEventHandler callback) => _callbacks.Remove(pin, callback);

    /// <summary>The outside world drives the line to <paramref name="edge"/> at <paramref name="timestamp"/>.</summary>
    public void InjectEdge(int pin, PinEventTypes edge, TimeSpan timestamp)
    {
        if (edge is not (PinEventTypes.Rising or PinEventTypes.Falling))
        {
            throw new ArgumentOutOfRangeException(nameof(edge), edge, "Inject exactly one edge: Rising or Falling.");
        }

        bool detect;
        lock (_gate)
        {
            _levels[pin] = edge == PinEventTypes.Rising ? PinValue.High : PinValue.Low;
            detect = _open.TryGetValue(pin, out var o) && o.Options is { } opt && (opt.Edges & edge) != 0;
        }

        if (detect)
        {
            _callbacks.Raise(this, new PinValueChangedEventArgs(edge, pin, timestamp));
        }
    }

    private void EnsureOpen(int pin)
    {
        if (!_open.ContainsKey(pin))
        {
            throw new InvalidOperationException($"GPIO line {pin} is not open.");
        }
    }
}
