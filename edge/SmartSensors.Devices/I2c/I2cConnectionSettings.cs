namespace SmartSensors.Devices.I2c;

/// <summary>Bus id (N of <c>/dev/i2c-N</c>) and 7-bit device address, as System.Device.I2c.I2cConnectionSettings.</summary>
public sealed record I2cConnectionSettings(int BusId, int DeviceAddress);
