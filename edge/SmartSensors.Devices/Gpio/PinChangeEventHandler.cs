namespace SmartSensors.Devices.Gpio;

/// <summary>Edge callback, as System.Device.Gpio.PinChangeEventHandler. Runs on the controller's event thread: keep it short, never throw.</summary>
public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);
