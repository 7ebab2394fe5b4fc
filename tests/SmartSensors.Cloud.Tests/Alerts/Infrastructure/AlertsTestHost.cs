using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Security.ApiKeys;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>The cloud host with only the alerts role (and, when asked, the api role in front of it: the staff API is
/// where alerts are acknowledged), built in-process the way Program.cs does, on 127.0.0.1:0.</summary>
internal sealed class AlertsTestHost : IAsyncDisposable
{
    private AlertsTestHost(WebApplication app, string? apiKey)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
        ApiKey = apiKey;
    }

    /// <summary>An admin API key for the staff API (null without the api role).</summary>
    public string? ApiKey { get; }

    /// <summary>An HTTP client for the host, sending <see cref="ApiKey"/> when there is one.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (ApiKey is not null)
        {
            client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, ApiKey);
        }

        return client;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public AlertStore Store => Services.GetRequiredService<AlertStore>();

    public Task Subscribed => Services.GetRequiredService<AlertSubscriber>().Subscribed;

    public static async Task<AlertsTestHost> StartAsync(IDictionary<string, string?> settings, string contentRoot, TimeProvider? clock = null, bool withApi = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = contentRoot,
            ApplicationName = typeof(AlertsHostingExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SmartSensors:Roles"] = "alerts" });
        string? apiKey = null;
        if (withApi)
        {
            apiKey = ApiKeyHasher.Create();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SmartSensors:Roles"] = "alerts,api",
                ["Api:Auth:ApiKeys:0:Name"] = "alerts-test",
                ["Api:Auth:ApiKeys:0:Sha256"] = ApiKeyHasher.Hash(apiKey),
                ["Api:Auth:ApiKeys:0:Roles:0"] = ApiRoles.Admin,
                // These tests run no InfluxDB and never ask the API for readings; the setting is required by the api role.
                ["Influx:Url"] = "http://127.0.0.1:9/",
                ["Influx:Database"] = "unused",
                ["DeadLetters:Path"] = Path.Combine(contentRoot, "dead-letters.db"),
            });
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddCloudHosting();
        builder.AddAlerts();
        builder.AddApiSecurity();
        builder.AddApi();
        var app = builder.Build();
        app.UseApiSecurity();
        app.MapHealthz();
        app.MapAlerts();
        app.MapApi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new AlertsTestHost(app, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
