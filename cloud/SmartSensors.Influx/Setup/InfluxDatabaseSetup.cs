using SmartSensors.Influx.Query;

namespace SmartSensors.Influx.Setup;

/// <summary>
/// Creates the database layout idempotently: the database, a default raw retention policy, a long-term
/// retention policy, and a continuous query writing hourly means of every field of every measurement from raw
/// into long-term (fields named <c>mean_&lt;field&gt;</c>, tags kept).
/// </summary>
public static class InfluxDatabaseSetup
{
    /// <summary>Creates or updates the database, retention policies and continuous query.</summary>
    public static async Task EnsureAsync(InfluxQueryClient client, InfluxSetupOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        OptionsValidation.ThrowIfInvalid(options);
        string db = InfluxQL.QuoteIdentifier(options.Database);

        (await client.ExecuteAsync($"CREATE DATABASE {db}", database: string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();

        HashSet<string> policies = await RetentionPoliciesAsync(client, options.Database, cancellationToken).ConfigureAwait(false);
        await EnsurePolicyAsync(client, db, options.RawRetentionPolicy, options.RawRetention, isDefault: true, policies, cancellationToken).ConfigureAwait(false);
        await EnsurePolicyAsync(client, db, options.LongTermRetentionPolicy, options.LongTermRetention, isDefault: false, policies, cancellationToken).ConfigureAwait(false);
        await EnsureContinuousQueryAsync(client, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The InfluxQL of the downsampling continuous query.</summary>
    public static string ContinuousQueryText(InfluxSetupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string db = InfluxQL.QuoteIdentifier(options.Database);
        string raw = InfluxQL.QuoteIdentifier(options.RawRetentionPolicy);
        string longTerm = InfluxQL.QuoteIdentifier(options.LongTermRetentionPolicy);
        return $"CREATE CONTINUOUS QUERY {InfluxQL.QuoteIdentifier(options.ContinuousQueryName)} ON {db} BEGIN " +
               $"SELECT mean(*) INTO {db}.{longTerm}.:MEASUREMENT FROM {db}.{raw}./.*/ " +
               $"GROUP BY time({InfluxQL.Duration(options.DownsampleInterval)}), * END";
    }

    private static async Task<HashSet<string>> RetentionPoliciesAsync(InfluxQueryClient client, string database, CancellationToken cancellationToken)
    {
        InfluxQueryResult result = (await client.QueryAsync($"SHOW RETENTION POLICIES ON {InfluxQL.QuoteIdentifier(database)}", database: string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (InfluxSeries series in result.AllSeries)
        {
            int column = series.ColumnIndex("name");
            foreach (IReadOnlyList<object?> row in series.Values)
            {
                if (column >= 0 && row[column] is string name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static async Task EnsurePolicyAsync(InfluxQueryClient client, string db, string name, TimeSpan duration, bool isDefault, HashSet<string> existing, CancellationToken cancellationToken)
    {
        string durationText = duration == TimeSpan.Zero ? "INF" : InfluxQL.Duration(duration);
        string verb = existing.Contains(name) ? "ALTER" : "CREATE";
        string statement = $"{verb} RETENTION POLICY {InfluxQL.QuoteIdentifier(name)} ON {db} DURATION {durationText} REPLICATION 1{(isDefault ? " DEFAULT" : string.Empty)}";
        (await client.ExecuteAsync(statement, database: string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private static async Task EnsureContinuousQueryAsync(InfluxQueryClient client, InfluxSetupOptions options, CancellationToken cancellationToken)
    {
        // A continuous query cannot be altered: drop it if present, then create it as configured.
        InfluxQueryResult existing = (await client.QueryAsync("SHOW CONTINUOUS QUERIES", database: string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        bool present = existing.AllSeries
            .Where(s => string.Equals(s.Name, options.Database, StringComparison.Ordinal))
            .SelectMany(s => s.Values.Select(row => s.ColumnIndex("name") is int i and >= 0 ? row[i] as string : null))
            .Any(n => string.Equals(n, options.ContinuousQueryName, StringComparison.Ordinal));
        string db = InfluxQL.QuoteIdentifier(options.Database);
        if (present)
        {
            (await client.ExecuteAsync($"DROP CONTINUOUS QUERY {InfluxQL.QuoteIdentifier(options.ContinuousQueryName)} ON {db}", database: string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        }

        (await client.ExecuteAsync(ContinuousQueryText(options), database: string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }
}
