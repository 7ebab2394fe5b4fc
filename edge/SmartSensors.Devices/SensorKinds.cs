namespace SmartSensors.Devices;

/// <summary>The sensor kinds the factory can build (the <c>Kind</c> setting of a sensor).</summary>
public static class SensorKinds
{
    /// <summary>Bosch BME280 on I2C: temperature, humidity, pressure.</summary>
    public const string Bme280 = "bme280";

    /// <summary>Nova SDS011 on UART: PM2.5, PM10.</summary>
    public const string Sds011 = "sds011";

    /// <summary>Plantower PMS5003 on UART: PM1, PM2.5, PM10 (atmospheric).</summary>
    public const string Pms5003 = "pms5003";

    /// <summary>Sensirion SCD40/SCD41 on I2C: CO2, temperature, humidity.</summary>
    public const string Scd4x = "scd4x";

    /// <summary>Capacitive soil-moisture probe read through a TI ADS1115 on I2C.</summary>
    public const string SoilMoisture = "soil-moisture";

    /// <summary>Serial ultrasonic distance sensor looking down at water (JSN-SR04T/A02YYUW or MaxBotix).</summary>
    public const string WaterLevel = "water-level";

    /// <summary>Beam-break or PIR footfall counter on one or two GPIO lines.</summary>
    public const string Footfall = "footfall";

    /// <summary>All kinds, for validation messages.</summary>
    public static IReadOnlyList<string> All { get; } = [Bme280, Sds011, Pms5003, Scd4x, SoilMoisture, WaterLevel, Footfall];
}
