namespace SmartSensors.Devices.Gpio;

/// <summary>One edge on one line, with the kernel's monotonic timestamp (CLOCK_MONOTONIC) of the edge.</summary>
public sealed class PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber, TimeSpan timestamp) : EventArgs
{
    public PinEventTypes ChangeType { get; } = changeType;

    public int PinNumber { get; } = pinNumber;

    /// <summary>When the edge happened (monotonic clock; only differences are meaningful).</summary>
    public TimeSpan Timestamp { get; } = timestamp;
}
