using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Registry;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>
/// The cloud host built in-process the way Program.cs builds it, bound to 127.0.0.1:0, configured to use the
/// test's mosquitto and influxd. Exposes the host's services and its own ingest counters.
/// </summary>
internal sealed class CloudTestHost : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;

    private CloudTestHost(WebApplication app, TemporaryDirectory directory, IngestCounters counters)
    {
        App = app;
        _directory = directory;
        Counters = counters;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public IngestCounters Counters { get; }

    public Uri BaseAddress { get; }

    public GatewayRegistry Registry => Services.GetRequiredService<GatewayRegistry>();

    public DeadLetterStore DeadLetters => Services.GetRequiredService<DeadLetterStore>();

    /// <summary>Completes when the ingest subscription is in place.</summary>
    public Task IngestSubscribed => Services.GetRequiredService<IngestService>().Subscribed;

    /// <summary>The settings every test host starts from: broker, InfluxDB database, a private dead-letter file,
    /// and batching tuned for tests (small batches, short flush interval).</summary>
    public static Dictionary<string, string?> Settings(MosquittoFixture broker, InfluxFixture influx, string database, string clientId) => new()
    {
        ["SmartSensors:Roles"] = "ingest",
        ["Mqtt:Host"] = broker.Host,
        ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Reconnect:MinDelay"] = "00:00:00.200",
        ["Mqtt:Reconnect:MaxDelay"] = "00:00:02",
        ["Influx:Url"] = influx.BaseAddress.ToString(),
        ["Influx:Database"] = database,
        ["Influx:RequestTimeout"] = "00:00:05",
        ["Influx:Writer:BatchPoints"] = "1000",
        ["Influx:Writer:FlushInterval"] = "00:00:00.050",
        ["Influx:Writer:MaxRetryDelay"] = "00:00:01",
        ["Ingest:ClientId"] = clientId,
        ["Ingest:ReceiveMaximum"] = "1000",
        ["Ingest:SharedGroup"] = "ingest",
    };

    public static async Task<CloudTestHost> StartAsync(IDictionary<string, string?> settings, TimeProvider? clock = null, CapturedLogs? logs = null, CancellationToken cancellationToken = default)
    {
        var directory = new TemporaryDirectory("cloud-host");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = "Testing",
                ContentRootPath = directory.Path,
                ApplicationName = typeof(IngestService).Assembly.GetName().Name,
            });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DeadLetters:Path"] = directory.File("dead-letters.db"),
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole();
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            if (logs is not null)
            {
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(logs);
            }
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }

            builder.AddCloudHosting();
            builder.AddRegistry();
            builder.AddDeadLetters();
            builder.AddIngest();
            var app = builder.Build();
            app.MapHealthz();
            var counters = new IngestCounters(app.Services.GetRequiredService<IMeterFactory>());
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                counters.Dispose();
                await app.DisposeAsync();
                throw;
            }

            return new CloudTestHost(app, directory, counters);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Counters.Dispose();
        await App.DisposeAsync();
        _directory.Dispose();
    }
}
