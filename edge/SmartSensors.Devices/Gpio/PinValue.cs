namespace SmartSensors.Devices.Gpio;

/// <summary>Logical line level.</summary>
public enum PinValue
{
    Low = 0,
    High = 1,
}
