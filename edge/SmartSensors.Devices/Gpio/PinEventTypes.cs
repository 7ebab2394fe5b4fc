namespace SmartSensors.Devices.Gpio;

/// <summary>Edges to detect, as System.Device.Gpio.PinEventTypes.</summary>
[Flags]
public enum PinEventTypes
{
    None = 0,
    Rising = 1,
    Falling = 2,
}
