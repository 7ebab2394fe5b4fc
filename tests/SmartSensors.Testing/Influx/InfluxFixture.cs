using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Testing.Influx;

/// <summary>
/// A real InfluxDB 1.x (<c>influxd</c>) started as a child process on free loopback ports with a throw-away
/// data directory. It can be killed and restarted on the same ports with its data (the WAL is fsynced,
/// so every write answered 204 survives a SIGKILL).
/// </summary>
public sealed class InfluxFixture : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _directory;
    private readonly string _executable;
    private readonly HttpClient _http;
    private readonly int _rpcPort;
    private ChildProcess? _process;

    private InfluxFixture(TemporaryDirectory directory, string executable)
    {
        _directory = directory;
        _executable = executable;
        Port = FreePort.Next();
        _rpcPort = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The HTTP API port.</summary>
    public int Port { get; }

    /// <summary>The HTTP API address, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The directory holding config, meta, data and WAL.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>The running process id, or null while stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The server's recent log output.</summary>
    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    /// <summary>Starts influxd and waits until <c>/ping</c> answers.</summary>
    public static async Task<InfluxFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = RequiredTool.Find("influxd", "influxdb");
        var fixture = new InfluxFixture(new TemporaryDirectory("influxd"), executable);
        try
        {
            await File.WriteAllTextAsync(fixture.ConfigFile, fixture.Configuration(), cancellationToken).ConfigureAwait(false);
            await fixture.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string ConfigFile => _directory.File("influxd.conf");

    /// <summary>SIGKILL: dies without a clean shutdown.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            await _process.KillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM: a clean shutdown.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts influxd again on the same ports with the same data (stopping it first if running).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGSTOP: freezes the server with its sockets open (requests hang).</summary>
    public void Pause() => RunningProcess().Signal(Signals.SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => RunningProcess().Signal(Signals.SigCont);

    /// <summary>CREATE DATABASE (idempotent).</summary>
    public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        QueryAsync(null, $"CREATE DATABASE \"{database}\"", cancellationToken);

    /// <summary>Posts line protocol to <c>/write</c> and throws with InfluxDB's message unless it answers 204.</summary>
    public async Task WriteAsync(string database, string lineProtocol, string precision = "ns", CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(lineProtocol, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await _http.PostAsync(new Uri($"write?db={Uri.EscapeDataString(database)}&precision={precision}", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"influxd refused the write ({(int)response.StatusCode}): {body}");
        }
    }

    /// <summary>Runs InfluxQL and returns the raw JSON answer (throws if InfluxDB reports an error).</summary>
    public async Task<JsonDocument> QueryAsync(string? database, string influxQl, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["q"] = influxQl, ["epoch"] = "ns" };
        if (database is not null)
        {
            form["db"] = database;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri("query", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var document = JsonDocument.Parse(body);
        var failed = HasError(document, out var error) || !response.IsSuccessStatusCode;
        if (failed)
        {
            document.Dispose();
            throw new InvalidOperationException($"influxd query failed ({(int)response.StatusCode}): {error ?? body}");
        }

        return document;
    }

    /// <summary>The rows of the first series of the first statement: each row is the list of column values
    /// (the first being the time in ns). Empty when the query matched nothing.</summary>
    public async Task<IReadOnlyList<JsonElement[]>> QueryRowsAsync(string database, string influxQl, CancellationToken cancellationToken = default)
    {
        using var document = await QueryAsync(database, influxQl, cancellationToken).ConfigureAwait(false);
        var rows = new List<JsonElement[]>();
        var result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return rows;
        }

        foreach (var s in series.EnumerateArray())
        {
            foreach (var row in s.GetProperty("values").EnumerateArray())
            {
                rows.Add(row.EnumerateArray().Select(v => v.Clone()).ToArray());
            }
        }

        return rows;
    }

    /// <summary>Number of points in <paramref name="measurement"/> (counting <paramref name="field"/>).</summary>
    public async Task<long> CountAsync(string database, string measurement, string field, CancellationToken cancellationToken = default)
    {
        var rows = await QueryRowsAsync(database, $"SELECT COUNT(\"{field}\") FROM \"{measurement}\"", cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows.Sum(r => r[1].GetInt64());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
        _directory.Dispose();
    }

    private static bool HasError(JsonDocument document, out string? error)
    {
        error = null;
        if (document.RootElement.TryGetProperty("error", out var top))
        {
            error = top.GetString();
            return true;
        }

        if (document.RootElement.TryGetProperty("results", out var results))
        {
            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("error", out var e))
                {
                    error = e.GetString();
                    return true;
                }
            }
        }

        return false;
    }

    private ChildProcess RunningProcess() =>
        _process is { HasExited: false } p ? p : throw new InvalidOperationException("influxd is not running.");

    private string Configuration()
    {
        var d = DataDirectory;
        return string.Create(CultureInfo.InvariantCulture, $"""
            # generated by SmartSensors.Testing.InfluxFixture
            reporting-disabled = true
            bind-address = "127.0.0.1:{_rpcPort}"

            [meta]
              dir = "{d}/meta"

            [data]
              dir = "{d}/data"
              wal-dir = "{d}/wal"
              wal-fsync-delay = "0s"
              query-log-enabled = false
              index-version = "inmem"

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
              max-body-size = 0

            [continuous_queries]
              enabled = true
              log-enabled = false

            [retention]
              enabled = true
            """);
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(_executable, ["run", "-config", ConfigFile], $"influxd on 127.0.0.1:{Port}", DataDirectory);
        _process = process;
        await process.WaitUntilReadyAsync(PingAsync, ReadyTimeout, "answer /ping", cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("ping", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }
}
