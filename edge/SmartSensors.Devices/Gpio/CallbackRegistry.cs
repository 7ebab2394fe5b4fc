namespace SmartSensors.Devices.Gpio;

/// <summary>Per-pin callback lists shared by the Linux and simulated controllers.</summary>
internal sealed class CallbackRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];

    public void Add(int pin, PinEventTypes types, PinChangeEventHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pin, out var list))
            {
                _callbacks[pin] = list = [];
            }

            list.Add((types, handler));
        }
    }

    public void Remove(int pin, PinChangeEventHandler handler)
    {
        lock (_gate)
        {
            if (_callbacks.TryGetValue(pin, out var list))
            {
                _ = list.RemoveAll(c => c.Handler == handler);
            }
        }
    }

    public void Clear(int pin)
    {
        lock (_gate)
        {
            _ = _callbacks.Remove(pin);
        }
    }

    public void Raise(object sender, PinValueChangedEventArgs e)
    {
        (PinEventTypes Types, PinChangeEventHandler Handler)[] targets;
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(e.PinNumber, out var list) || list.Count == 0)
            {
                return;
            }

            targets = [.. list];
        }

        foreach (var (types, handler) in targets)
        {
            if ((types & e.ChangeType) != 0)
            {
                handler(sender, e);
            }
        }
    }
}
