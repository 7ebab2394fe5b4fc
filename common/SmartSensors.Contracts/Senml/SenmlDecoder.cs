namespace SmartSensors.Contracts;

/// <summary>
/// Decodes any SenML JSON pack (RFC 8428) into resolved records, enforcing the hard limits and the unit table.
/// Never throws for bad input: every problem becomes a <see cref="ValidationError"/>.
/// </summary>
public static class SenmlDecoder
{
    /// <summary>Decodes and resolves a pack.</summary>
    public static SenmlDecodeResult Decode(ReadOnlySpan<byte> utf8Json, SenmlLimits? limits = null)
    {
        var records = new List<SenmlRecord>();
        var errors = new ErrorSink();
        SenmlParser.Parse(utf8Json, limits ?? SenmlLimits.Default, records, errors, out var version);
        return errors.Count == 0
            ? new SenmlDecodeResult(records, [], version)
            : new SenmlDecodeResult([], errors.Errors, version);
    }
}
