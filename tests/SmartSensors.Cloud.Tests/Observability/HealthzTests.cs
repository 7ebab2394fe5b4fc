using System.Globalization;
using System.Net;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Observability;

public sealed class HealthzTests
{
    [Fact]
    public async Task Healthz_BrokerAndInfluxUp_Returns200()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var influx = await InfluxFixture.StartAsync();
        await influx.CreateDatabaseAsync("health");
        await using var host = await CloudTestHost.StartAsync(CloudTestHost.Settings(broker, influx, "health", "ss-ingest-health"));
        await host.IngestSubscribed.WaitAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // The registry connects on its own connection; ready once both are up.
        HttpStatusCode status = 0;
        await Poll.UntilAsync(async () =>
        {
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            status = response.StatusCode;
            return status == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), () => $"/healthz answered {status}");
    }

    [Fact]
    public async Task Healthz_BrokerUnreachable_Returns503NamingTheConnection()
    {
        await using var influx = await InfluxFixture.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["SmartSensors:Roles"] = "ingest",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Influx:Url"] = influx.BaseAddress.ToString(),
            ["Influx:Database"] = "health",
            ["Ingest:ClientId"] = "ss-ingest-nobroker",
        };
        await using var host = await CloudTestHost.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("mqtt: Unhealthy", body, StringComparison.Ordinal);
        Assert.Contains("influxdb: Healthy", body, StringComparison.Ordinal);
    }
}
