using SmartSensors.Influx.Query;
using SmartSensors.Influx.Write;
using SmartSensors.Testing.Influx;

namespace SmartSensors.Influx.Tests;

/// <summary>One real influxd shared by a test class; each test uses its own database.</summary>
public sealed class InfluxServer : IAsyncLifetime
{
    private int _databases;

    public InfluxFixture Influx { get; private set; } = null!;

    public async Task InitializeAsync() => Influx = await InfluxFixture.StartAsync();

    public async Task DisposeAsync() => await Influx.DisposeAsync();

    public async Task<string> NewDatabaseAsync()
    {
        string name = $"db{Interlocked.Increment(ref _databases)}";
        await Influx.CreateDatabaseAsync(name);
        return name;
    }

    public InfluxConnectionOptions Connection(string database) => For(Influx, database);

    public static InfluxConnectionOptions For(InfluxFixture influx, string database) => new()
    {
        Url = influx.BaseAddress,
        Database = database,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static InfluxWriterOptions FastWriter(Action<InfluxWriterOptions>? configure = null)
    {
        var options = new InfluxWriterOptions
        {
            FlushInterval = TimeSpan.FromMilliseconds(20),
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
            ConfigurationErrorRetryDelay = TimeSpan.FromMilliseconds(200),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    public InfluxQueryClient Query(string database) => new(Connection(database));
}
