using SmartSensors.Devices.Gpio;
using SmartSensors.Devices.I2c;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Tests.Interop;

public sealed class DeviceOpenErrorTests
{
    [Fact]
    public void LinuxI2cDevice_MissingBus_NamesPathAndHowToEnableI2c()
    {
        var ex = Assert.Throws<IOException>(() => new LinuxI2cDevice(new I2cConnectionSettings(97, 0x76)));
        Assert.Contains("/dev/i2c-97", ex.Message, StringComparison.Ordinal);
        Assert.Contains("raspi-config nonint do_i2c 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dtparam=i2c_arm=on", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinuxI2cDevice_NotAnI2cAdapter_AddressSelectionErrorNamesAddress()
    {
        var ex = Assert.Throws<IOException>(() => new LinuxI2cDevice(new I2cConnectionSettings(1, 0x76), "/dev/null"));
        Assert.Contains("0x76", ex.Message, StringComparison.Ordinal);
        Assert.Contains("I2C_SLAVE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinuxI2cDevice_TenBitAddress_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinuxI2cDevice(new I2cConnectionSettings(1, 0x1FF)));
    }

    [Fact]
    public void LinuxGpioController_MissingChip_NamesPathAndHint()
    {
        var ex = Assert.Throws<IOException>(() => new LinuxGpioController("gpiochip97"));
        Assert.Contains("/dev/gpiochip97", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ls /dev/gpiochip*", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinuxGpioController_NotAGpioChip_ClearError()
    {
        var ex = Assert.Throws<IOException>(() => new LinuxGpioController("/dev/null"));
        Assert.Contains("not a GPIO character device", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "'i2c' group")]
    [InlineData(1, "'dialout' group")]
    [InlineData(2, "'gpio' group")]
    public void Create_PermissionDenied_TellsWhichGroup(int bus, string expected)
    {
        var ex = DeviceOpenError.Create("/dev/x", Libc.EAcces, (DeviceBusKind)bus);
        Assert.Contains("/dev/x", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", ex.Message, StringComparison.Ordinal);
    }
}
