namespace SmartSensors.Influx.Query;

/// <summary>The result of one statement of a query.</summary>
public sealed class InfluxStatementResult
{
    internal InfluxStatementResult(int statementId, IReadOnlyList<InfluxSeries> series, string? error)
    {
        StatementId = statementId;
        Series = series;
        Error = error;
    }

    /// <summary>The statement's position in the query (0-based).</summary>
    public int StatementId { get; }

    /// <summary>The series returned (empty when nothing matched).</summary>
    public IReadOnlyList<InfluxSeries> Series { get; }

    /// <summary>InfluxDB's error for this statement, or null.</summary>
    public string? Error { get; }
}
