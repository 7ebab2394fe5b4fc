namespace SmartSensors.Devices.Interop;

internal enum DeviceBusKind
{
    I2c,
    Serial,
    Gpio,
}
