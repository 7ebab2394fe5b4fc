using System.Net;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Tests.Api.Infrastructure;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;

namespace SmartSensors.Cloud.Tests.Api;

/// <summary>The <c>api</c> (per identity) and <c>public</c> (per client IP) rate limits, configured small.</summary>
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private const int Permits = 3;
    private MosquittoFixture _broker = null!;
    private InfluxFixture _influx = null!;
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoFixture.StartAsync();
        _influx = await InfluxFixture.StartAsync();
        await _influx.CreateDatabaseAsync(ApiServers.Database);
        var settings = ApiTestHost.Settings(_broker, _influx, ApiServers.Database);
        settings["SmartSensors:Roles"] = "api";
        settings["Api:RateLimit:PermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Api:RateLimit:ApiPermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _host = await ApiTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _influx.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Api_MoreThanPermitsPerIdentity_429WithRetryAfterOtherIdentityUnaffected()
    {
        using var operative = _host.Client(ApiRoles.Operative);
        for (var i = 0; i < Permits; i++)
        {
            using var ok = await operative.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await operative.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        using var environment = _host.Client(ApiRoles.Environment);
        using var other = await environment.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        var problem = await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("'api' rate limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Public_MoreThanPermitsPerClientIp_429WithRetryAfter()
    {
        using var anonymous = _host.Client(null);
        for (var i = 0; i < Permits; i++)
        {
            using var ok = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        var problem = await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("'public' rate limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);
    }
}
