namespace SmartSensors.Devices.Interop;

/// <summary>Turns a failed <c>open()</c> of a device node into a message that names the path and the fix.</summary>
internal static class DeviceOpenError
{
    public static IOException Create(string path, int errno, DeviceBusKind bus)
    {
        var fix = (errno, bus) switch
        {
            (Libc.ENoEnt, DeviceBusKind.I2c) =>
                "Enable I2C: `sudo raspi-config nonint do_i2c 0` (or `dtparam=i2c_arm=on` in /boot/firmware/config.txt) and reboot; check the bus number (`ls /dev/i2c-*`).",
            (Libc.ENoEnt, DeviceBusKind.Serial) =>
                "Enable the UART: `enable_uart=1` in /boot/firmware/config.txt and turn off the serial login console (`sudo raspi-config nonint do_serial_cons 1`), then reboot; for a USB adapter check `ls /dev/ttyUSB*`.",
            (Libc.ENoEnt, DeviceBusKind.Gpio) =>
                "No GPIO character device by that name: check `ls /dev/gpiochip*` (on a Raspberry Pi 5 the header is on the RP1 chip, gpiochip0 on current kernels, gpiochip4 on older ones).",
            (Libc.EAcces, DeviceBusKind.I2c) =>
                "Permission denied: add the service user to the 'i2c' group (`sudo usermod -aG i2c $USER`, or SupplementaryGroups=i2c in the systemd unit) and install hardware/udev/99-smartsensors.rules.",
            (Libc.EAcces, DeviceBusKind.Serial) =>
                "Permission denied: add the service user to the 'dialout' group (`sudo usermod -aG dialout $USER`, or SupplementaryGroups=dialout in the systemd unit).",
            (Libc.EAcces, DeviceBusKind.Gpio) =>
                "Permission denied: add the service user to the 'gpio' group (`sudo usermod -aG gpio $USER`, or SupplementaryGroups=gpio in the systemd unit) and install hardware/udev/99-smartsensors.rules.",
            (Libc.EBusy, _) =>
                "The device is busy: another process (a serial console, another gateway instance, a libgpiod tool) holds it.",
            _ => "Check the device exists and the service user may open it.",
        };

        return new IOException($"Cannot open {path}: {Libc.Describe(errno)}. {fix}");
    }
}
