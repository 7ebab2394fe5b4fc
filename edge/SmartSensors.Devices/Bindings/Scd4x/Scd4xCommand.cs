namespace SmartSensors.Devices.Bindings.Scd4x;

/// <summary>SCD4x 16-bit I2C commands (Sensirion SCD4x datasheet, section 3.5).</summary>
public enum Scd4xCommand : ushort
{
    StartPeriodicMeasurement = 0x21B1,
    ReadMeasurement = 0xEC05,
    StopPeriodicMeasurement = 0x3F86,
    GetDataReadyStatus = 0xE4B8,
    GetSerialNumber = 0x3682,
}
