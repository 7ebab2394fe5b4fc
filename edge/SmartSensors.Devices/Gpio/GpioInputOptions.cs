namespace SmartSensors.Devices.Gpio;

/// <summary>Edge detection and kernel debounce for an input line.</summary>
public sealed record GpioInputOptions(PinEventTypes Edges, TimeSpan Debounce);
