namespace SmartSensors.Edge.Configuration;

/// <summary>The <c>Bus</c> setting of a sensor: how the gateway reaches it.</summary>
internal static class SensorBus
{
    public const string I2c = "i2c";
    public const string Serial = "serial";
    public const string Gpio = "gpio";

    /// <summary>The same driver on a simulated bus fed by a scenario model (no hardware).</summary>
    public const string Simulated = "simulated";

    public static IReadOnlyList<string> All { get; } = [I2c, Serial, Gpio, Simulated];
}
