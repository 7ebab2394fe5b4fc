namespace SmartSensors.Contracts;

/// <summary>The outcome of <see cref="SenmlDecoder.Decode"/>: resolved records, or every reason the pack is refused.</summary>
public sealed class SenmlDecodeResult
{
    internal SenmlDecodeResult(IReadOnlyList<SenmlRecord> records, IReadOnlyList<ValidationError> errors, int version)
    {
        Records = records;
        Errors = errors;
        Version = version;
    }

    /// <summary>The resolved records (empty when the pack is refused).</summary>
    public IReadOnlyList<SenmlRecord> Records { get; }

    /// <summary>Every reason the pack is refused; empty when it is valid.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>The pack's SenML version (<c>bver</c>; 10 when absent).</summary>
    public int Version { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}
