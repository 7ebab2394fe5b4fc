namespace SmartSensors.Contracts;

/// <summary>
/// SenML versions (<c>bver</c>). RFC 8428 is version 10; RFC 9100 turns the version into a feature bitmap on top
/// of 10, and RFC 8798 secondary units are feature bit 4, giving 26.
/// </summary>
public static class SenmlVersion
{
    /// <summary>RFC 8428 base version, the default when <c>bver</c> is absent.</summary>
    public const int Base = 10;

    /// <summary>Base version plus the "secondary units" feature (RFC 8798, RFC 9100): required for ug/m3, ppm, hPa, mm.</summary>
    public const int SecondaryUnits = 26;

    /// <summary>True for versions this decoder implements: 1..10 (older packs, e.g. RFC 8428's own examples use 5) and 26.</summary>
    public static bool IsSupported(double bver) => bver == Math.Floor(bver) && ((bver >= 1 && bver <= Base) || bver == SecondaryUnits);
}
