using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// One ingest replica: the real <c>smartsensors-cloud</c> program as a child process with only the ingest role, a
/// stable client id (its persistent session survives a kill) and the shared subscription group all replicas join.
/// </summary>
internal sealed class IngestReplica : IAsyncDisposable
{
    public const string Database = "faults";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly MosquittoFixture _broker;
    private readonly InfluxFixture _influx;
    private readonly string _directory;
    private ChildProcess? _process;
    private int _lives;

    public IngestReplica(int number, MosquittoFixture broker, InfluxFixture influx, string directory)
    {
        Name = $"ingest-{number}";
        ClientId = $"ss-ingest-fault-{number}";
        _broker = broker;
        _influx = influx;
        _directory = Path.Combine(directory, Name);
        Directory.CreateDirectory(_directory);
    }

    public string Name { get; }

    public string ClientId { get; }

    public string DeadLettersPath => Path.Combine(_directory, "dead-letters.db");

    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    /// <summary>Starts the replica; returns when it has subscribed (event 6101).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        _lives++;
        var environment = new Dictionary<string, string>
        {
            // The built program's appsettings.json supplies the defaults (batching, receive maximum, shared group).
            ["DOTNET_CONTENTROOT"] = ProductBuild.CloudDirectory,
            ["ASPNETCORE_CONTENTROOT"] = ProductBuild.CloudDirectory,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SmartSensors__Roles"] = "ingest",
            ["Mqtt__Host"] = _broker.Host,
            ["Mqtt__Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__KeepAliveSeconds"] = "5",
            ["Influx__Url"] = _influx.BaseAddress.ToString(),
            ["Influx__Database"] = Database,
            ["Ingest__ClientId"] = ClientId,
            ["Ingest__SharedGroup"] = "ingest",
            ["DeadLetters__Path"] = DeadLettersPath,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        };
        _process = ChildProcess.Start(ProductBuild.DotnetHost, [ProductBuild.CloudDll], $"{Name} (life {_lives})", _directory, environment);
        await _process.WaitForLineAsync(l => l.Contains("Ingest subscribed", StringComparison.Ordinal), Patience, cancellationToken);
    }

    /// <summary>SIGKILL: every pack it held unacknowledged stays with the broker.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.KillAsync(cancellationToken);
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Packs this replica refused into its dead-letter store (none expected from healthy gateways).</summary>
    public long DeadLetters()
    {
        if (!File.Exists(DeadLettersPath))
        {
            return 0;
        }

        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DeadLettersPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM dead_letters";
        return command.ExecuteScalar() is long count ? count : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(20));
            await _process.DisposeAsync();
        }
    }
}
