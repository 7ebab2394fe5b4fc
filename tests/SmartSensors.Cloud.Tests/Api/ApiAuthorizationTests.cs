using System.Net;
using System.Net.Http.Json;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Security.ApiKeys;
using SmartSensors.Cloud.Tests.Api.Infrastructure;
using SmartSensors.Cloud.Tests.Security;

namespace SmartSensors.Cloud.Tests.Api;

/// <summary>Every endpoint over HTTP: 401 without credentials, 403 with the wrong role, success with the right one.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiAuthorizationTests
{
    private const string NoSuchAlert = "0123456789abcdef0123456789abcdef";
    private readonly ApiServers _servers;

    public ApiAuthorizationTests(ApiServers servers) => _servers = servers;

    /// <summary>Every endpoint of the staff API and /metrics: method, path, whether only operators may call it, and the
    /// status the right role gets.</summary>
    public static TheoryData<string, string, bool, int> Endpoints => new()
    {
        { "GET", "/api/v1/me", false, 200 },
        { "GET", "/api/v1/sites", false, 200 },
        { "GET", "/api/v1/gateways", false, 200 },
        { "GET", "/api/v1/gateways/no-site/no-gateway", false, 404 },
        { "GET", "/api/v1/sensors", false, 200 },
        { "GET", "/api/v1/readings/latest", false, 200 },
        { "GET", "/api/v1/readings?site=auth&gateway=gw&sensor=s1&quantity=temperature", false, 200 },
        { "GET", "/api/v1/air-quality", false, 200 },
        { "GET", "/api/v1/alerts", false, 200 },
        { "GET", $"/api/v1/alerts/{NoSuchAlert}", false, 404 },
        { "POST", $"/api/v1/alerts/{NoSuchAlert}/acknowledge", false, 404 },
        { "POST", $"/api/v1/alerts/{NoSuchAlert}/resolve", false, 404 },
        { "GET", "/api/v1/watering-round", false, 200 },
        { "GET", "/api/v1/stream", false, 200 },
        { "GET", "/api/v1/dead-letters", true, 200 },
        { "GET", "/api/v1/notifications/failed", true, 200 },
        { "GET", "/metrics", true, 200 },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_NoCredentials_401WithChallengeAndProblem(string method, string path, bool operatorsOnly, int status)
    {
        _ = operatorsOnly;
        _ = status;
        using var client = _servers.Host.Client(null);

        using var response = await SendAsync(client, method, path);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        Assert.Contains("Bearer", challenges);
        Assert.Contains("ApiKey", challenges);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WrongRole_403Problem(string method, string path, bool operatorsOnly, int status)
    {
        _ = status;
        // Operators-only endpoints: a street operative's key. Staff endpoints: a valid token that carries no staff role.
        using var client = operatorsOnly
            ? _servers.Host.Client(ApiRoles.Operative)
            : _servers.Host.BearerClient(TestTokens.Hs256(TestTokens.Claims("visitor", new[] { "visitor" }, DateTimeOffset.UtcNow)));

        using var response = await SendAsync(client, method, path);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_RightRole_Succeeds(string method, string path, bool operatorsOnly, int status)
    {
        using var client = _servers.Host.Client(operatorsOnly ? ApiRoles.Operator : ApiRoles.Environment);

        using var response = await SendAsync(client, method, path);

        Assert.True((int)response.StatusCode == status, $"{method} {path}: expected {status}, got {(int)response.StatusCode}: {(path.EndsWith("/stream", StringComparison.Ordinal) ? "(stream)" : await response.Content.ReadAsStringAsync())}");
        if (status == 404)
        {
            await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Me_ApiKey_NamesTheKeyAndItsRoles()
    {
        using var client = _servers.Host.Client(ApiRoles.Resilience);

        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal("key-resilience", me.GetProperty("name").GetString());
        Assert.Equal(["resilience"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Me_BearerTokenWithRolesArray_NamesTheSubjectAndRoles()
    {
        using var client = _servers.Host.BearerClient(TestTokens.Hs256(TestTokens.Claims("jane.doe", new[] { "environment", "resilience" }, DateTimeOffset.UtcNow)));

        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal("jane.doe", me.GetProperty("name").GetString());
        Assert.Equal(["environment", "resilience"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Me_AuthorizationApiKeyScheme_Accepted()
    {
        using var client = _servers.Host.Client(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + _servers.Host.KeyFor(ApiRoles.Admin));

        using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_UnknownApiKey_401NamingTheKeyAsRefused()
    {
        using var client = _servers.Host.Client(null);
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, ApiKeyHasher.Create());

        using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("API key was refused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("none")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-key")]
    public async Task Request_HostileBearerToken_401InvalidToken(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = TestTokens.Claims("mallory", new[] { "admin" }, now);
        var token = kind switch
        {
            "expired" => TestTokens.Hs256(TestTokens.Claims("mallory", new[] { "admin" }, now - TimeSpan.FromHours(2))),
            "none" => TestTokens.Unsigned(claims),
            "wrong-audience" => TestTokens.Hs256(new Dictionary<string, object?>(claims) { ["aud"] = "someone-else" }),
            _ => TestTokens.Hs256(claims, [.. Enumerable.Repeat((byte)0x42, 32)]),
        };
        using var client = _servers.Host.BearerClient(token);

        using var response = await client.GetAsync(new Uri("/api/v1/alerts", UriKind.Relative));

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        var bearer = Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Contains("error=\"invalid_token\"", bearer.Parameter, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        // Headers only: the stream endpoint keeps its body open.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
