using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>
/// A test class that owns, for its tests, a real mosquitto, a real influxd with one database already created,
/// and a scratch directory; all three are gone when the class is done.
/// </summary>
public abstract class ServersTestBase : IAsyncLifetime
{
    private readonly string _database;
    private readonly bool _persistentBroker;

    /// <param name="database">The InfluxDB database to create.</param>
    /// <param name="scratchPrefix">Name prefix of the scratch directory.</param>
    /// <param name="persistentBroker">Whether mosquitto keeps sessions and queued messages on disk.</param>
    protected ServersTestBase(string database, string scratchPrefix, bool persistentBroker)
    {
        _database = database;
        _persistentBroker = persistentBroker;
        Scratch = new TemporaryDirectory(scratchPrefix);
    }

    protected MosquittoFixture Broker { get; private set; } = null!;

    protected InfluxFixture Influx { get; private set; } = null!;

    protected TemporaryDirectory Scratch { get; }

    public async Task InitializeAsync()
    {
        Broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = _persistentBroker });
        Influx = await InfluxFixture.StartAsync();
        await Influx.CreateDatabaseAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await Influx.DisposeAsync();
        await Broker.DisposeAsync();
        Scratch.Dispose();
    }
}
