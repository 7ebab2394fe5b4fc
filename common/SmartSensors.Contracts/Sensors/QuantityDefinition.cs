namespace SmartSensors.Contracts;

/// <summary>
/// One quantity of the contract: its name on the wire (the last segment of the SenML name and the InfluxDB field),
/// the sensor kind it belongs to, its one SenML unit, and the physically possible range (inclusive).
/// </summary>
public sealed record QuantityDefinition(
    string Name,
    SensorKind Kind,
    string Unit,
    double Minimum,
    double Maximum,
    bool IsInteger,
    string Description)
{
    /// <summary>True when the unit is a secondary unit (RFC 8798), so the pack must declare <c>bver</c> 26.</summary>
    public bool NeedsSecondaryUnits => SenmlUnits.IsSecondary(Unit);

    /// <summary>
    /// Checks a value against this quantity: finite, within [<see cref="Minimum"/>, <see cref="Maximum"/>], and
    /// integral when <see cref="IsInteger"/>. Returns the reason code (see <see cref="ReasonCodes"/>) or null.
    /// </summary>
    public string? Check(double value)
    {
        if (!double.IsFinite(value))
        {
            return ReasonCodes.NotFinite;
        }

        if (value < Minimum || value > Maximum)
        {
            return ReasonCodes.OutOfRange;
        }

        if (IsInteger && Math.Floor(value) != value)
        {
            return ReasonCodes.NotInteger;
        }

        return null;
    }
}
