namespace SmartSensors.Contracts;

/// <summary>
/// A resolved SenML record (RFC 8428 §4.6): base name, time, unit, value and sum applied. The name is kept as
/// the base name and the record's own name so that decoding does not concatenate strings; <see cref="Name"/>
/// concatenates on demand.
/// </summary>
/// <param name="Index">Zero-based index of the record in the pack.</param>
/// <param name="BaseName">The base name in effect (empty if none).</param>
/// <param name="LocalName">The record's own <c>n</c> (empty if none).</param>
/// <param name="Time">Base time plus time, in seconds. At or above 2^28 it is absolute Unix time; below, it is relative to "now".</param>
/// <param name="Unit">The unit (<c>u</c>, else the base unit), or null.</param>
/// <param name="ValueKind">Which value field the record carries.</param>
/// <param name="Value">The numeric value (base value added) when <see cref="ValueKind"/> is Number.</param>
/// <param name="StringValue">The <c>vs</c> or <c>vd</c> text.</param>
/// <param name="BooleanValue">The <c>vb</c> value.</param>
/// <param name="Sum">The sum (base sum added), if any.</param>
/// <param name="UpdateTime">The <c>ut</c> field, if any.</param>
/// <param name="Version">The pack's SenML version (<c>bver</c>, 10 when absent).</param>
public readonly record struct SenmlRecord(
    int Index,
    string BaseName,
    string LocalName,
    double Time,
    string? Unit,
    SenmlValueKind ValueKind,
    double Value,
    string? StringValue,
    bool BooleanValue,
    double? Sum,
    double? UpdateTime,
    int Version)
{
    /// <summary>Times at or above 2^28 seconds are absolute Unix times (RFC 8428 §4.5.3).</summary>
    public const double AbsoluteTimeThreshold = 268_435_456d;

    /// <summary>The resolved name: base name + name.</summary>
    public string Name => string.Concat(BaseName, LocalName);

    /// <summary>True when <see cref="Time"/> is an absolute Unix time.</summary>
    public bool IsAbsoluteTime => Time >= AbsoluteTimeThreshold;

    /// <summary>
    /// The record's time as an instant: <see cref="Time"/> itself when absolute, else <paramref name="now"/> plus
    /// <see cref="Time"/> seconds. Rounded to the microsecond.
    /// </summary>
    public DateTimeOffset ResolveTime(DateTimeOffset now) =>
        IsAbsoluteTime ? SenmlTime.FromUnixSeconds(Time) : now.AddTicks(SenmlTime.SecondsToTicks(Time));
}
