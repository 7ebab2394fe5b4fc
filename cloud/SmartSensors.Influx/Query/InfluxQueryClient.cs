using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SmartSensors.Influx.Query;

/// <summary>
/// Runs InfluxQL over <c>/query</c> and returns typed series. Values from users go in <c>parameters</c>
/// (sent as the <c>params</c> JSON argument and referenced as <c>$name</c>), never into the query text.
/// </summary>
public sealed class InfluxQueryClient : IDisposable
{
    private readonly InfluxHttpConnection _connection;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="connection">Where InfluxDB is (validated); its Database is the default database.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="httpHandler">HTTP handler to use instead of the client's own (not disposed).</param>
    public InfluxQueryClient(InfluxConnectionOptions connection, ILogger<InfluxQueryClient>? logger = null, HttpMessageHandler? httpHandler = null)
    {
        _connection = new InfluxHttpConnection(connection, httpHandler);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Runs a read-only query (SELECT, SHOW) with HTTP GET.</summary>
    /// <param name="query">InfluxQL; user-supplied values referenced as <c>$name</c>.</param>
    /// <param name="parameters">Bound parameter values: string, bool, integer types, double, float, decimal,
    /// DateTimeOffset/DateTime (sent as RFC 3339 strings) or null.</param>
    /// <param name="database">Database; defaults to Influx:Database.</param>
    /// <param name="epoch">Time format of the results.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<InfluxQueryResult> QueryAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, string? database = null, InfluxEpoch epoch = InfluxEpoch.Nanoseconds, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, query, parameters, database, epoch, cancellationToken);

    /// <summary>Runs a statement that changes something (CREATE, DROP, ALTER, SELECT INTO) with HTTP POST.</summary>
    public Task<InfluxQueryResult> ExecuteAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, string? database = null, InfluxEpoch epoch = InfluxEpoch.Nanoseconds, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, query, parameters, database, epoch, cancellationToken);

    /// <summary>Calls <c>/ping</c>: proves the server answers and reports its version.</summary>
    public async Task<InfluxPing> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_connection.BaseAddress, "ping"));
        request.Headers.Authorization = _connection.Authorization;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connection.Options.RequestTimeout);
        try
        {
            using HttpResponseMessage response = await _connection.Client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InfluxQueryException($"InfluxDB /ping answered HTTP {(int)response.StatusCode}.", (int)response.StatusCode, null);
            }

            return new InfluxPing(Header(response, "X-Influxdb-Version"), Header(response, "X-Influxdb-Build"));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxQueryException($"InfluxDB did not answer /ping within {_connection.Options.RequestTimeout.TotalSeconds:0.###} s (Influx:RequestTimeout).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxQueryException($"InfluxDB could not be reached at {_connection.BaseAddress}: {ex.Message}", ex);
        }

        static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private async Task<InfluxQueryResult> SendAsync(HttpMethod method, string query, IReadOnlyDictionary<string, object?>? parameters, string? database, InfluxEpoch epoch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var form = new List<KeyValuePair<string, string>> { new("q", query) };
        string? db = database ?? _connection.Options.Database;
        if (!string.IsNullOrEmpty(db))
        {
            form.Add(new("db", db));
        }

        if (epoch != InfluxEpoch.Rfc3339)
        {
            form.Add(new("epoch", EpochValue(epoch)));
        }

        if (parameters is { Count: > 0 })
        {
            form.Add(new("params", SerializeParameters(parameters)));
        }

        using var content = new FormUrlEncodedContent(form);
        using HttpRequestMessage request = method == HttpMethod.Get
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(_connection.BaseAddress, "query?" + await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)))
            : new HttpRequestMessage(HttpMethod.Post, new Uri(_connection.BaseAddress, "query")) { Content = content };
        request.Headers.Authorization = _connection.Authorization;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connection.Options.RequestTimeout);
        string body;
        int status;
        try
        {
            using HttpResponseMessage response = await _connection.Client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxQueryException($"InfluxDB did not answer the query within {_connection.Options.RequestTimeout.TotalSeconds:0.###} s (Influx:RequestTimeout).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxQueryException($"InfluxDB could not be reached at {_connection.BaseAddress}: {ex.Message}", ex);
        }

        InfluxQueryLog.Queried(_logger, status, query.Length);
        return Parse(body, status);
    }

    internal static InfluxQueryResult Parse(string body, int status)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new InfluxQueryException($"InfluxDB answered HTTP {status} with something that is not JSON: {Truncate(body)}", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InfluxQueryException($"InfluxDB answered HTTP {status} with unexpected JSON: {Truncate(body)}", status, null);
            }

            if (root.TryGetProperty("error", out JsonElement error))
            {
                string message = error.ValueKind == JsonValueKind.String ? error.GetString() ?? string.Empty : error.GetRawText();
                throw new InfluxQueryException($"InfluxDB refused the query (HTTP {status}): {message}", status, message);
            }

            if (status is < 200 or > 299)
            {
                throw new InfluxQueryException($"InfluxDB answered HTTP {status}: {Truncate(body)}", status, null);
            }

            var statements = new List<InfluxStatementResult>();
            if (root.TryGetProperty("results", out JsonElement results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement result in results.EnumerateArray())
                {
                    statements.Add(ParseStatement(result));
                }
            }

            return new InfluxQueryResult(statements);
        }
    }

    private static InfluxStatementResult ParseStatement(JsonElement result)
    {
        int id = result.TryGetProperty("statement_id", out JsonElement sid) && sid.TryGetInt32(out int parsed) ? parsed : 0;
        string? error = result.TryGetProperty("error", out JsonElement e) ? e.GetString() : null;
        var series = new List<InfluxSeries>();
        if (result.TryGetProperty("series", out JsonElement seriesArray) && seriesArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement s in seriesArray.EnumerateArray())
            {
                string name = s.TryGetProperty("name", out JsonElement n) ? n.GetString() ?? string.Empty : string.Empty;
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                if (s.TryGetProperty("tags", out JsonElement t) && t.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty tag in t.EnumerateObject())
                    {
                        tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
                    }
                }

                var columns = new List<string>();
                if (s.TryGetProperty("columns", out JsonElement c) && c.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement column in c.EnumerateArray())
                    {
                        columns.Add(column.GetString() ?? string.Empty);
                    }
                }

                var rows = new List<IReadOnlyList<object?>>();
                if (s.TryGetProperty("values", out JsonElement v) && v.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement row in v.EnumerateArray())
                    {
                        var values = new object?[row.GetArrayLength()];
                        int i = 0;
                        foreach (JsonElement value in row.EnumerateArray())
                        {
                            values[i++] = ToValue(value);
                        }

                        rows.Add(values);
                    }
                }

                series.Add(new InfluxSeries(name, tags, columns, rows));
            }
        }

        return new InfluxStatementResult(id, series, error);
    }

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number when IsIntegerText(value) && value.TryGetInt64(out long l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static bool IsIntegerText(JsonElement number)
    {
        string raw = number.GetRawText();
        return raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
    }

    internal static string SerializeParameters(IReadOnlyDictionary<string, object?> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach ((string name, object? value) in parameters)
            {
                if (string.IsNullOrEmpty(name) || name.StartsWith('$'))
                {
                    throw new ArgumentException($"Parameter name '{name}' must be non-empty and given without the '$'.", nameof(parameters));
                }

                json.WritePropertyName(name);
                switch (value)
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case uint ui: json.WriteNumberValue(ui); break;
                    case ulong ul: json.WriteNumberValue(ul); break;
                    case short sh: json.WriteNumberValue(sh); break;
                    case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                    case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
                    case decimal m: json.WriteNumberValue(m); break;
                    case DateTimeOffset dto: json.WriteStringValue(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)); break;
                    case DateTime dt: json.WriteStringValue(dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)); break;
                    default:
                        throw new ArgumentException($"Parameter '{name}' has a type InfluxQL cannot bind: {value.GetType().Name} (or a non-finite number).", nameof(parameters));
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string EpochValue(InfluxEpoch epoch) => epoch switch
    {
        InfluxEpoch.Nanoseconds => "ns",
        InfluxEpoch.Microseconds => "u",
        InfluxEpoch.Milliseconds => "ms",
        InfluxEpoch.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Unknown epoch."),
    };

    private static string Truncate(string text) => text.Length > 512 ? string.Concat(text.AsSpan(0, 512), "…") : text;
}
