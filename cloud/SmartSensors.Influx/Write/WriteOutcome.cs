namespace SmartSensors.Influx.Write;

/// <summary>The result for one enqueued item, reported once.</summary>
public sealed class WriteOutcome
{
    private static readonly IReadOnlyList<RejectedLine> NoLines = [];

    internal WriteOutcome(object? state, WriteStatus status, int lineCount, string? message, IReadOnlyList<RejectedLine>? rejectedLines)
    {
        State = state;
        Status = status;
        LineCount = lineCount;
        Message = message;
        RejectedLines = rejectedLines ?? NoLines;
    }

    /// <summary>The caller's state object given when enqueuing.</summary>
    public object? State { get; }

    /// <summary>What became of the item.</summary>
    public WriteStatus Status { get; }

    /// <summary>Lines in the item.</summary>
    public int LineCount { get; }

    /// <summary>Why it was rejected or failed (InfluxDB's message where there is one); null when written.</summary>
    public string? Message { get; }

    /// <summary>The lines InfluxDB refused (status <see cref="WriteStatus.Rejected"/>).</summary>
    public IReadOnlyList<RejectedLine> RejectedLines { get; }

    /// <inheritdoc />
    public override string ToString() => Message is null ? $"{Status} ({LineCount} lines)" : $"{Status} ({LineCount} lines): {Message}";
}
