using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Tests.Api.Infrastructure;

namespace SmartSensors.Cloud.Tests.Api;

/// <summary>Hostile and malformed parameters are refused with a 400 problem naming the parameter — never passed on,
/// never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiQueryValidationTests
{
    private const string Good = "site=park&gateway=gw-1&sensor=bme280-1&quantity=temperature";
    private readonly ApiServers _servers;

    public ApiQueryValidationTests(ApiServers servers) => _servers = servers;

    public static TheoryData<string, string> HostileQueries => new()
    {
        { "/api/v1/readings?site=x'%20OR%201%3D1&gateway=gw-1&sensor=bme280-1&quantity=temperature", "site" },
        { "/api/v1/readings?site=park&gateway=gw-1%22%3B%20DROP%20DATABASE%20smartsensors&sensor=bme280-1&quantity=temperature", "gateway" },
        { "/api/v1/readings?site=park&gateway=gw-1&sensor=%2F.*%2F&quantity=temperature", "sensor" },
        { "/api/v1/readings?site=PARK&gateway=gw-1&sensor=bme280-1&quantity=temperature", "site" },
        { "/api/v1/readings?gateway=gw-1&sensor=bme280-1&quantity=temperature", "site" },
        { $"/api/v1/readings?site={new string('a', 65)}&gateway=gw-1&sensor=bme280-1&quantity=temperature", "site" },
        { "/api/v1/readings?site=park&gateway=gw-1&sensor=bme280-1&quantity=temperature%22%20FROM%20x", "quantity" },
        { "/api/v1/readings?site=park&gateway=gw-1&sensor=bme280-1&quantity=unobtainium", "quantity" },
        { "/api/v1/readings?site=park&gateway=gw-1&sensor=bme280-1", "quantity" },
        { $"/api/v1/readings?{Good}&window=0s", "window" },
        { $"/api/v1/readings?{Good}&window=-5m", "window" },
        { $"/api/v1/readings?{Good}&window=5y", "window" },
        { $"/api/v1/readings?{Good}&window=1.5h", "window" },
        { $"/api/v1/readings?{Good}&window=99999999999999999999s", "window" },
        { $"/api/v1/readings?{Good}&window=5m)%20fill(0)", "window" },
        { $"/api/v1/readings?{Good}&window=400d", "window" },
        { $"/api/v1/readings?{Good}&window=1s&from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z", "window" },
        { $"/api/v1/readings?{Good}&from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from" },
        { $"/api/v1/readings?{Good}&from=2025-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from" },
        { $"/api/v1/readings?{Good}&from=yesterday", "from" },
        { $"/api/v1/readings?{Good}&to=2025-13-45T99:00:00Z", "to" },
        { $"/api/v1/readings?{Good}&from=0001-01-01T00:00:00Z", "from" },
        { $"/api/v1/readings?{Good}&from=1990-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from" },
        { "/api/v1/readings/latest?site=x'%20OR%201%3D1", "site" },
        { "/api/v1/sensors?site=%00", "site" },
        { "/api/v1/gateways?site=a%2Fb", "site" },
        { "/api/v1/gateways/Park/gw-1", "site" },
        { "/api/v1/gateways/park/gw_1", "gateway" },
        { "/api/v1/air-quality?site=%3Cscript%3E", "site" },
        { "/api/v1/alerts?state=everything", "state" },
        { "/api/v1/alerts?category=flood'%20OR%20'1'%3D'1", "category" },
        { "/api/v1/alerts?severity=apocalyptic", "severity" },
        { "/api/v1/alerts?site=x'%20OR%201%3D1", "site" },
        { "/api/v1/alerts?limit=99999999999", "limit" },
        { "/api/v1/alerts?limit=0", "limit" },
        { "/api/v1/alerts/not-an-id", "id" },
        { "/api/v1/alerts/1%27%20OR%20%271%27%3D%271", "id" },
        { "/api/v1/watering-round?site=..%2F..", "site" },
        { "/api/v1/dead-letters?limit=1000000", "limit" },
        { "/api/v1/dead-letters?limit=-1", "limit" },
        { "/api/v1/dead-letters?limit=ten", "limit" },
        { "/api/v1/dead-letters?site=x'%20OR%201%3D1", "site" },
        { "/api/v1/notifications/failed?limit=100000000", "limit" },
        { "/api/v1/stream?site=x'%20OR%201%3D1", "site" },
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Request_HostileParameter_400ProblemNamingIt(string path, string parameter)
    {
        using var client = _servers.Host.Client(ApiRoles.Admin);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

        await Problems.AssertBadParameterAsync(response, parameter);
    }

    [Theory]
    [InlineData("/api/v1/alerts/not-an-id/acknowledge")]
    [InlineData("/api/v1/alerts/not-an-id/resolve")]
    public async Task Post_HostileAlertId_400ProblemNamingIt(string path)
    {
        using var client = _servers.Host.Client(ApiRoles.Admin);

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null);

        await Problems.AssertBadParameterAsync(response, "id");
    }

    [Fact]
    public async Task Readings_TooManyPoints_DetailSuggestsAWindow()
    {
        using var client = _servers.Host.Client(ApiRoles.Admin);

        using var response = await client.GetAsync(new Uri($"/api/v1/readings?{Good}&window=1s&from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z", UriKind.Relative));

        var problem = await Problems.AssertAsync(response, System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("use a window of at least", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
