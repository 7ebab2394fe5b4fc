namespace SmartSensors.Devices.Bindings.Ads1115;

/// <summary>Programmable-gain full-scale ranges (config PGA bits 11:9).</summary>
public enum Ads1115Range
{
    PlusMinus6144mV = 0,
    PlusMinus4096mV = 1,
    PlusMinus2048mV = 2,
    PlusMinus1024mV = 3,
    PlusMinus512mV = 4,
    PlusMinus256mV = 5,
}
