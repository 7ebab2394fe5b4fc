using System.Globalization;
using SmartSensors.Contracts;
using SmartSensors.Influx.Query;

namespace SmartSensors.Cloud.Api.Readings;

/// <summary>
/// Reads readings back from InfluxDB with InfluxQL. Measurement and field names come from the contract's catalogue
/// (quoted identifiers); the window is a validated duration literal; every value from a request (site, gateway,
/// sensor, times) is a bound parameter — never part of the query text.
/// </summary>
internal sealed class ReadingsQuery
{
    private readonly InfluxQueryClient _influx;

    public ReadingsQuery(InfluxQueryClient influx) => _influx = influx;

    /// <summary>The newest value per sensor and quantity, optionally of one site and of some quantities only.</summary>
    public async Task<IReadOnlyList<LatestReading>> LatestAsync(string? site, IEnumerable<QuantityDefinition>? quantities, CancellationToken cancellationToken)
    {
        var wanted = (quantities ?? Quantities.All).ToList();
        var where = site is null ? string.Empty : $" WHERE {InfluxQL.QuoteIdentifier(StorageMapping.SiteTag)} = $site";
        var groupBy = $" GROUP BY {InfluxQL.QuoteIdentifier(StorageMapping.SiteTag)}, {InfluxQL.QuoteIdentifier(StorageMapping.GatewayTag)}, {InfluxQL.QuoteIdentifier(StorageMapping.SensorTag)}";
        var statements = wanted.Select(q =>
            $"SELECT LAST({InfluxQL.QuoteIdentifier(q.Name)}) AS \"value\" FROM {InfluxQL.QuoteIdentifier(StorageMapping.Measurement(q.Kind))}{where}{groupBy}");
        var parameters = site is null ? null : new Dictionary<string, object?> { ["site"] = site };
        var result = await _influx.QueryAsync(string.Join("; ", statements), parameters, epoch: InfluxEpoch.Milliseconds, cancellationToken: cancellationToken).ConfigureAwait(false);
        var readings = new List<LatestReading>();
        foreach (var statement in result.Statements)
        {
            if (statement.Error is not null)
            {
                throw new InfluxQueryException($"InfluxDB refused the latest-readings query: {statement.Error}", 200, statement.Error);
            }

            if (statement.StatementId < 0 || statement.StatementId >= wanted.Count)
            {
                continue;
            }

            var quantity = wanted[statement.StatementId];
            foreach (var series in statement.Series)
            {
                for (var row = 0; row < series.Values.Count; row++)
                {
                    if (series.GetDouble(row, "value") is { } value && Millis(series.GetValue(row, "time")) is { } time)
                    {
                        readings.Add(new LatestReading(
                            Tag(series, StorageMapping.SiteTag),
                            Tag(series, StorageMapping.GatewayTag),
                            Tag(series, StorageMapping.SensorTag),
                            quantity.Name,
                            quantity.Unit,
                            value,
                            time));
                    }
                }
            }
        }

        return [.. readings
            .OrderBy(r => r.Site, StringComparer.Ordinal)
            .ThenBy(r => r.Gateway, StringComparer.Ordinal)
            .ThenBy(r => r.Sensor, StringComparer.Ordinal)
            .ThenBy(r => r.Quantity, StringComparer.Ordinal)];
    }

    /// <summary>One sensor's quantity in [<paramref name="from"/>, <paramref name="to"/>), aggregated per window
    /// (windows without readings are left out).</summary>
    public async Task<IReadOnlyList<ReadingPoint>> RangeAsync(string site, string gateway, string sensor, QuantityDefinition quantity, DateTimeOffset from, DateTimeOffset to, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var field = InfluxQL.QuoteIdentifier(quantity.Name);
        var query =
            $"SELECT MEAN({field}) AS \"mean\", MIN({field}) AS \"min\", MAX({field}) AS \"max\", COUNT({field}) AS \"count\" " +
            $"FROM {InfluxQL.QuoteIdentifier(StorageMapping.Measurement(quantity.Kind))} " +
            $"WHERE {InfluxQL.QuoteIdentifier(StorageMapping.SiteTag)} = $site AND {InfluxQL.QuoteIdentifier(StorageMapping.GatewayTag)} = $gateway " +
            $"AND {InfluxQL.QuoteIdentifier(StorageMapping.SensorTag)} = $sensor AND time >= $from AND time < $to " +
            $"GROUP BY time({InfluxQL.Duration(window)}) fill(none)";
        var parameters = new Dictionary<string, object?>
        {
            ["site"] = site,
            ["gateway"] = gateway,
            ["sensor"] = sensor,
            ["from"] = from,
            ["to"] = to,
        };
        var result = await _influx.QueryAsync(query, parameters, epoch: InfluxEpoch.Milliseconds, cancellationToken: cancellationToken).ConfigureAwait(false);
        var points = new List<ReadingPoint>();
        foreach (var statement in result.Statements)
        {
            if (statement.Error is not null)
            {
                throw new InfluxQueryException($"InfluxDB refused the readings query: {statement.Error}", 200, statement.Error);
            }

            foreach (var series in statement.Series)
            {
                for (var row = 0; row < series.Values.Count; row++)
                {
                    if (Millis(series.GetValue(row, "time")) is { } time
                        && series.GetDouble(row, "mean") is { } mean
                        && series.GetDouble(row, "min") is { } min
                        && series.GetDouble(row, "max") is { } max
                        && series.GetDouble(row, "count") is { } count)
                    {
                        points.Add(new ReadingPoint(time, mean, min, max, (long)count));
                    }
                }
            }
        }

        return [.. points.OrderBy(p => p.Time)];
    }

    private static string Tag(InfluxSeries series, string tag) => series.Tags.TryGetValue(tag, out var value) ? value : string.Empty;

    private static DateTimeOffset? Millis(object? value) => value switch
    {
        long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        double d when double.IsFinite(d) => DateTimeOffset.FromUnixTimeMilliseconds((long)d),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t.ToUniversalTime(),
        _ => null,
    };
}
