using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>
/// Shared by the dashboard's browser tests: a real mosquitto, a real influxd, the cloud host with every role, and
/// one Chromium. Each test uses its own site ids, so tests do not see each other's data.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new("dashboard-tests");

    internal MosquittoFixture Broker { get; private set; } = null!;

    internal InfluxFixture Influx { get; private set; } = null!;

    internal DashboardHost Host { get; private set; } = null!;

    internal BrowserSession Browser { get; private set; } = null!;

    internal MqttPublisher Publisher { get; private set; } = null!;

    internal TemporaryDirectory Scratch => _scratch;

    public async Task InitializeAsync()
    {
        Broker = await MosquittoFixture.StartAsync();
        Influx = await InfluxFixture.StartAsync();
        await Influx.CreateDatabaseAsync(DashboardHost.Database);
        Host = await DashboardHost.StartAsync(Broker, Influx, _scratch);
        Publisher = new MqttPublisher(Broker, _scratch);
        Browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Influx is not null)
        {
            await Influx.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        _scratch.Dispose();
    }
}
