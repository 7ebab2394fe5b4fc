namespace SmartSensors.Devices.Gpio;

/// <summary>
/// GPIO lines, shaped like System.Device.Gpio.GpioController (logical pin numbers = line offsets on one chip,
/// i.e. BCM numbers on a Raspberry Pi). Edge detection and debounce are chosen when an input is opened,
/// because the kernel's v2 line request takes them then.
/// </summary>
public abstract class GpioController : IDisposable
{
    /// <summary>Opens the GPIO v2 character device <c>/dev/gpiochipN</c> (no libgpiod needed).</summary>
    public static GpioController Create(string chip) => new LinuxGpioController(chip);

    /// <summary>Opens <paramref name="pin"/>; for an input, <paramref name="options"/> turns on edge events and debounce.</summary>
    public abstract void OpenPin(int pin, PinMode mode, GpioInputOptions? options = null);

    public abstract void ClosePin(int pin);

    public abstract bool IsPinOpen(int pin);

    public abstract PinValue Read(int pin);

    public abstract void Write(int pin, PinValue value);

    /// <summary>Calls <paramref name="callback"/> for each detected edge of <paramref name="eventTypes"/> on an input opened with edge detection.</summary>
    public abstract void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangeEventHandler callback);

    public abstract void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangeEventHandler callback);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
