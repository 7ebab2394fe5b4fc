namespace SmartSensors.Devices.Bindings.WaterLevel;

/// <summary>Serial output format of an ultrasonic distance sensor.</summary>
public enum UltrasonicFormat
{
    /// <summary>DFRobot A02YYUW / JSN-SR04T (mode 2, UART auto output): <c>FF H L SUM</c>, mm = H·256 + L.</summary>
    A02yyuw,

    /// <summary>MaxBotix MB7389 and relatives: ASCII <c>R####\r</c> in mm (5000 = no target).</summary>
    MaxBotix,
}
