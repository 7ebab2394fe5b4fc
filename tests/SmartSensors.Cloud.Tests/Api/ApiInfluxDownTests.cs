using System.Net;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Tests.Api.Infrastructure;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;

namespace SmartSensors.Cloud.Tests.Api;

/// <summary>With influxd stopped, the readings endpoints answer 503 problem details (not 500, not a hang), and the
/// endpoints that do not need InfluxDB keep working.</summary>
public sealed class ApiInfluxDownTests
{
    [Fact]
    public async Task Readings_InfluxStopped_503ProblemWhileRegistryEndpointsWork()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var influx = await InfluxFixture.StartAsync();
        await influx.CreateDatabaseAsync(ApiServers.Database);
        var settings = ApiTestHost.Settings(broker, influx, ApiServers.Database);
        settings["SmartSensors:Roles"] = "api";
        settings["Influx:RequestTimeout"] = "00:00:05";
        await using var host = await ApiTestHost.StartAsync(settings);
        await influx.StopAsync();
        using var client = host.Client(ApiRoles.Admin);

        using var latest = await client.GetAsync(new Uri("/api/v1/readings/latest", UriKind.Relative));
        using var range = await client.GetAsync(new Uri("/api/v1/readings?site=park&gateway=gw-1&sensor=s-1&quantity=level", UriKind.Relative));
        using var gateways = await client.GetAsync(new Uri("/api/v1/gateways", UriKind.Relative));

        var problem = await Problems.AssertAsync(latest, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("InfluxDB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(range, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, gateways.StatusCode);
    }
}
