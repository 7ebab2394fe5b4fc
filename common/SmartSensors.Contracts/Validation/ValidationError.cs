namespace SmartSensors.Contracts;

/// <summary>
/// One reason a payload is refused: a stable machine-readable <paramref name="Code"/> (see <see cref="ReasonCodes"/>),
/// a human-readable <paramref name="Message"/>, and the zero-based index of the SenML record it concerns
/// (-1 when it concerns the whole payload).
/// </summary>
public readonly record struct ValidationError(string Code, string Message, int Record = -1)
{
    /// <inheritdoc />
    public override string ToString() => Record >= 0 ? $"{Code} (record {Record}): {Message}" : $"{Code}: {Message}";
}
