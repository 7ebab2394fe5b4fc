using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SmartSensors.Cloud.Tests.OpenData.Infrastructure;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.OpenData;

/// <summary>
/// <c>OpenData:CapFeed</c> over HTTP against the running host (alerts and api roles, real mosquitto): the CAP feed is
/// anonymous when Public, staff-only when Restricted; and the anonymous endpoints are rate limited per client.
/// </summary>
public sealed class CapFeedAccessTests : IAsyncLifetime
{
    private const string StaffKey = "ssk_0pen-data-test-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private readonly TemporaryDirectory _scratch = new("opendata-cap");
    private MosquittoFixture _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoFixture.StartAsync(new MosquittoOptions());

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task CapFeed_Restricted_401WithoutCredentialsAnd200ForStaff()
    {
        await using var host = await StartAsync(new() { ["OpenData:CapFeed"] = "Restricted" });
        using var client = host.Anonymous();

        using var feed = await client.GetAsync(new Uri("/alerts/cap.atom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, feed.StatusCode);
        using var message = await client.GetAsync(new Uri("/alerts/some-alert/cap", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, message.StatusCode);

        using var staff = new HttpRequestMessage(HttpMethod.Get, "/alerts/cap.atom");
        staff.Headers.Add("X-Api-Key", StaffKey);
        using var allowed = await client.SendAsync(staff);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("application/atom+xml", allowed.Content.Headers.ContentType?.MediaType);

        // The open data stays anonymous whatever the CAP setting.
        using var open = await client.GetAsync(new Uri("/open/v1/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task CapFeed_Public_AnonymousReadsTheFeed()
    {
        await using var host = await StartAsync(new() { ["OpenData:CapFeed"] = "Public" });
        using var client = host.Anonymous();

        using var feed = await client.GetAsync(new Uri("/alerts/cap.atom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        using var message = await client.GetAsync(new Uri("/alerts/no-such-alert/cap", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
    }

    [Fact]
    public async Task OpenData_MoreRequestsThanThePublicLimit_429WithRetryAfter()
    {
        await using var host = await StartAsync(new() { ["Api:RateLimit:PermitsPerMinute"] = "3" });
        using var client = host.Anonymous();

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(new Uri("/open/v1/stations", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.GetAsync(new Uri("/open/v1/stations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    private async Task<OpenDataTestHost> StartAsync(Dictionary<string, string?> extra)
    {
        var directory = Path.Combine(_scratch.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["SmartSensors:Roles"] = "alerts,api",
            ["Mqtt:Host"] = _broker.Host,
            ["Mqtt:Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Alerts:StorePath"] = Path.Combine(directory, "alerts.db"),
            ["Alerts:ClientId"] = "opendata-cap-" + Guid.NewGuid().ToString("N")[..8],
            ["Alerts:Cap:Categories:0"] = "flood",
            // The open data here is only the catalogue and stations list, which never query InfluxDB.
            ["Influx:Url"] = "http://127.0.0.1:9/",
            ["Influx:Database"] = "unused",
            ["Api:Auth:ApiKeys:0:Name"] = "resilience-partner",
            ["Api:Auth:ApiKeys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StaffKey))),
            ["Api:Auth:ApiKeys:0:Roles:0"] = "resilience",
        };
        foreach (var (key, value) in OpenDataServers.StationSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return await OpenDataTestHost.StartAsync(settings, directory);
    }
}
