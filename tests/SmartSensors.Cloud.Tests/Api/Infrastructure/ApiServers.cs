using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Api.Infrastructure;

/// <summary>A real mosquitto, a real influxd with the <c>smartsensors</c> database, and the API host on them — shared
/// by the tests of the <see cref="ApiCollection"/> (each test uses its own site ids).</summary>
public sealed class ApiServers : IAsyncLifetime
{
    public const string Database = "smartsensors";

    internal MosquittoFixture Broker { get; private set; } = null!;

    internal InfluxFixture Influx { get; private set; } = null!;

    internal ApiTestHost Host { get; private set; } = null!;

    internal TemporaryDirectory Scratch { get; } = new("api-tests");

    public async Task InitializeAsync()
    {
        Broker = await MosquittoFixture.StartAsync();
        Influx = await InfluxFixture.StartAsync();
        await Influx.CreateDatabaseAsync(Database);
        Host = await ApiTestHost.StartAsync(ApiTestHost.Settings(Broker, Influx, Database));
        await Host.AllSubscribed.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Influx.DisposeAsync();
        await Broker.DisposeAsync();
        Scratch.Dispose();
    }
}
