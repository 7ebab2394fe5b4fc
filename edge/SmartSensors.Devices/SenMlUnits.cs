namespace SmartSensors.Devices;

/// <summary>
/// SenML unit symbols used by the device layer (RFC 8428 primary units; the secondary units
/// <c>ug/m3</c>, <c>ppm</c>, <c>hPa</c>, <c>mm</c> come from RFC 8798 and need <c>bver</c> 26 in the pack).
/// </summary>
public static class SenMlUnits
{
    public const string Celsius = "Cel";
    public const string RelativeHumidity = "%RH";
    public const string Pascal = "Pa";
    public const string MicrogramsPerCubicMetre = "ug/m3";
    public const string PartsPerMillion = "ppm";
    public const string Metre = "m";
    public const string Millimetre = "mm";
    public const string Volt = "V";
    public const string Count = "count";

    /// <summary>Percentage (moisture index). Listed as "%" in the brief; the wire-contract layer may map it to "/" ×0.01.</summary>
    public const string Percent = "%";
}
