namespace SmartSensors.Devices.Gpio;

/// <summary>Line direction and bias, as System.Device.Gpio.PinMode.</summary>
public enum PinMode
{
    Input,
    InputPullDown,
    InputPullUp,
    Output,
}
