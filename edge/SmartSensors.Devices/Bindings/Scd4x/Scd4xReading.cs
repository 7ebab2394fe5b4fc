namespace SmartSensors.Devices.Bindings.Scd4x;

/// <summary>One SCD4x measurement.</summary>
public readonly record struct Scd4xReading(int Co2Ppm, double TemperatureCelsius, double HumidityPercent);
