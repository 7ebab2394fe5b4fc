using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Dashboard;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.OpenData;
using SmartSensors.Cloud.Registry;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.Tests.OpenData.Infrastructure;

/// <summary>The whole cloud host, wired exactly as Program.cs wires it (every role's Add…, the security middleware,
/// every Map…), in-process on 127.0.0.1:0; the roles and servers come from the settings.</summary>
public sealed class OpenDataTestHost : IAsyncDisposable
{
    private OpenDataTestHost(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>A client with no credentials of any kind.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<OpenDataTestHost> StartAsync(IDictionary<string, string?> settings, string contentRoot)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = contentRoot,
            ApplicationName = typeof(OpenDataHostingExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The product's own wiring (Program.cs calls the same).
        builder.AddSmartSensorsCloud();
        var app = builder.Build();
        try
        {
            app.MapSmartSensorsCloud();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new OpenDataTestHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
