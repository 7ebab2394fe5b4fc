using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Api.Stream;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Registry;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Security.ApiKeys;
using SmartSensors.Cloud.Tests.Security;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Api.Infrastructure;

/// <summary>
/// The cloud host with the ingest, alerts and api roles, built in-process the way Program.cs builds it (security, API,
/// alerts, ingest, registry), on 127.0.0.1:0 against a real mosquitto and influxd. One API key per role, and HS256
/// bearer tokens signed with <see cref="TestTokens.Secret"/>.
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;
    private readonly Dictionary<string, string> _keys;

    private ApiTestHost(WebApplication app, TemporaryDirectory directory, Dictionary<string, string> keys)
    {
        App = app;
        _directory = directory;
        _keys = keys;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Completes when the live stream's MQTT subscription is in place.</summary>
    public Task StreamSubscribed => Services.GetRequiredService<LiveSubscriber>().Subscribed;

    /// <summary>Completes when ingest and alerts subscriptions are in place.</summary>
    public Task AllSubscribed => Task.WhenAll(
        Services.GetRequiredService<IngestService>().Subscribed,
        Services.GetRequiredService<AlertSubscriber>().Subscribed,
        StreamSubscribed);

    /// <summary>The API key with exactly the role <paramref name="role"/> (named <c>key-{role}</c>).</summary>
    public string KeyFor(string role) => _keys[role];

    /// <summary>A client sending the API key of <paramref name="role"/>; no credentials when null.</summary>
    public HttpClient Client(string? role)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, KeyFor(role));
        }

        return client;
    }

    /// <summary>A client sending <paramref name="token"/> as a bearer token.</summary>
    public HttpClient BearerClient(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Dictionary<string, string?> Settings(MosquittoFixture broker, InfluxFixture influx, string database) => new()
    {
        ["SmartSensors:Roles"] = "ingest,alerts,api",
        ["Mqtt:Host"] = broker.Host,
        ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Reconnect:MinDelay"] = "00:00:00.200",
        ["Mqtt:Reconnect:MaxDelay"] = "00:00:02",
        ["Influx:Url"] = influx.BaseAddress.ToString(),
        ["Influx:Database"] = database,
        ["Influx:RequestTimeout"] = "00:00:10",
        ["Influx:Writer:BatchPoints"] = "1000",
        ["Influx:Writer:FlushInterval"] = "00:00:00.050",
        ["Ingest:ClientId"] = "ss-ingest-" + Guid.NewGuid().ToString("N")[..8],
        ["Ingest:ReceiveMaximum"] = "1000",
        ["Alerts:ClientId"] = "ss-alerts-" + Guid.NewGuid().ToString("N")[..8],
        ["Alerts:EvaluationInterval"] = "00:00:00.200",
        ["Alerts:Watering:Sustain"] = "00:00:00",
        ["Alerts:DeviceHealth:SensorStaleAfter"] = "7.00:00:00",
        ["Alerts:DeviceHealth:HeartbeatTimeout"] = "7.00:00:00",
        ["Alerts:Round:Enabled"] = "false",
        ["Api:Auth:Jwt:Issuer"] = TestTokens.Issuer,
        ["Api:Auth:Jwt:Audience"] = TestTokens.Audience,
        ["Api:Auth:Jwt:SigningKeys:0:Secret"] = TestTokens.SecretBase64,
        ["Api:RateLimit:PermitsPerMinute"] = "100000",
        ["Api:RateLimit:ApiPermitsPerMinute"] = "100000",
        ["Api:Stream:Heartbeat"] = "00:00:01",
    };

    public static async Task<ApiTestHost> StartAsync(IDictionary<string, string?> settings, CancellationToken cancellationToken = default)
    {
        var directory = new TemporaryDirectory("api-host");
        try
        {
            var keys = ApiRoles.All.ToDictionary(role => role, _ => ApiKeyHasher.Create(), StringComparer.Ordinal);
            var configuration = new Dictionary<string, string?>
            {
                ["DeadLetters:Path"] = directory.File("dead-letters.db"),
                ["Alerts:StorePath"] = directory.File("alerts.db"),
            };
            var index = 0;
            foreach (var (role, key) in keys)
            {
                configuration[$"Api:Auth:ApiKeys:{index}:Name"] = "key-" + role;
                configuration[$"Api:Auth:ApiKeys:{index}:Sha256"] = ApiKeyHasher.Hash(key);
                configuration[$"Api:Auth:ApiKeys:{index}:Roles:0"] = role;
                index++;
            }

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = "Testing",
                ContentRootPath = directory.Path,
                ApplicationName = typeof(ApiHostingExtensions).Assembly.GetName().Name,
            });
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);

            // The product's own wiring (Program.cs calls the same).
            builder.AddSmartSensorsCloud();
            var app = builder.Build();
            app.MapSmartSensorsCloud();
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new ApiTestHost(app, directory, keys);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
        _directory.Dispose();
    }
}
