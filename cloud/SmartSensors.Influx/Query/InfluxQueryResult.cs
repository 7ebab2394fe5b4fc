namespace SmartSensors.Influx.Query;

/// <summary>The results of a query, one per statement.</summary>
public sealed class InfluxQueryResult
{
    internal InfluxQueryResult(IReadOnlyList<InfluxStatementResult> statements)
    {
        Statements = statements;
    }

    /// <summary>One result per statement.</summary>
    public IReadOnlyList<InfluxStatementResult> Statements { get; }

    /// <summary>All series of all statements.</summary>
    public IEnumerable<InfluxSeries> AllSeries => Statements.SelectMany(s => s.Series);

    /// <summary>Throws <see cref="InfluxQueryException"/> with InfluxDB's message if any statement failed.</summary>
    public InfluxQueryResult EnsureSuccess()
    {
        foreach (InfluxStatementResult statement in Statements)
        {
            if (statement.Error is not null)
            {
                throw new InfluxQueryException($"InfluxDB statement {statement.StatementId} failed: {statement.Error}", 200, statement.Error);
            }
        }

        return this;
    }
}
