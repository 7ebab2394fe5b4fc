namespace SmartSensors.Devices.Bindings.Ads1115;

/// <summary>A soil-moisture reading: the moisture index (0-100 %), the averaged raw ADC count and the probe voltage.</summary>
public readonly record struct SoilMoistureReading(double MoisturePercent, double Raw, double Volts);
