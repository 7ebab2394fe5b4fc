using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Hosting;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>The cloud host with only the alerts role, built in-process the way Program.cs does (AddAlerts/MapAlerts),
/// on 127.0.0.1:0.</summary>
internal sealed class AlertsTestHost : IAsyncDisposable
{
    private AlertsTestHost(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public AlertStore Store => Services.GetRequiredService<AlertStore>();

    public Task Subscribed => Services.GetRequiredService<AlertSubscriber>().Subscribed;

    public static async Task<AlertsTestHost> StartAsync(IDictionary<string, string?> settings, string contentRoot, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = contentRoot,
            ApplicationName = typeof(AlertsHostingExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SmartSensors:Roles"] = "alerts" });
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
        var app = builder.Build();
        app.MapHealthz();
        app.MapAlerts();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new AlertsTestHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
