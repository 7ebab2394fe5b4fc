namespace SmartSensors.Devices.Bindings.Ads1115;

/// <summary>ADS1115 register pointer values (TI SBAS444, section 9.6).</summary>
public enum Ads1115Register : byte
{
    Conversion = 0x00,
    Config = 0x01,
    LoThresh = 0x02,
    HiThresh = 0x03,
}
