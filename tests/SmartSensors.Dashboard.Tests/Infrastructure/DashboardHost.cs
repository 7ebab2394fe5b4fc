using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Dashboard;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.OpenData;
using SmartSensors.Cloud.Registry;
using SmartSensors.Cloud.Security;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>
/// The cloud host built in-process exactly as Program.cs builds it (every role: ingest, alerts, api), on
/// 127.0.0.1:0, against the given real mosquitto and influxd, with two API keys (admin and operative) and one
/// river station's flood levels.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string Database = "dashboard";
    public const string AdminName = "dashboard-test-admin";
    public const string OperativeName = "round-test-operative";

    /// <summary>Flood levels of the river station <see cref="RiverSite"/> (m above datum).</summary>
    public const string RiverSite = "riverside";
    public const double AlertLevel = 1.2;
    public const double WarningLevel = 1.8;
    public const double SevereLevel = 2.4;

    private DashboardHost(WebApplication app, string adminKey, string operativeKey)
    {
        App = app;
        AdminKey = adminKey;
        OperativeKey = operativeKey;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>An API key with the admin role.</summary>
    public string AdminKey { get; }

    /// <summary>An API key with only the operative role (street operatives: watering).</summary>
    public string OperativeKey { get; }

    public AlertStore Alerts => App.Services.GetRequiredService<AlertStore>();

    public static async Task<DashboardHost> StartAsync(MosquittoFixture broker, InfluxFixture influx, TemporaryDirectory scratch)
    {
        var adminKey = NewKey();
        var operativeKey = NewKey();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = scratch.Path,
            // The cloud assembly's name, so the build's static web assets manifest (which points at wwwroot) is found.
            ApplicationName = typeof(IngestService).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(Settings(broker, influx, scratch, adminKey, operativeKey));
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
            await app.StartAsync();
            await app.Services.GetRequiredService<IngestService>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
            await app.Services.GetRequiredService<AlertSubscriber>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new DashboardHost(app, adminKey, operativeKey);
    }

    private static Dictionary<string, string?> Settings(MosquittoFixture broker, InfluxFixture influx, TemporaryDirectory scratch, string adminKey, string operativeKey) => new()
    {
        ["SmartSensors:Roles"] = "ingest,alerts,api",
        ["Mqtt:Host"] = broker.Host,
        ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Reconnect:MinDelay"] = "00:00:00.200",
        ["Mqtt:Reconnect:MaxDelay"] = "00:00:02",
        ["Influx:Url"] = influx.BaseAddress.ToString(),
        ["Influx:Database"] = Database,
        ["Influx:RequestTimeout"] = "00:00:10",
        ["Influx:Writer:BatchPoints"] = "1000",
        ["Influx:Writer:FlushInterval"] = "00:00:00.050",
        ["Influx:Writer:MaxRetryDelay"] = "00:00:01",
        ["Ingest:ClientId"] = "dashboard-test-ingest",
        ["Ingest:SharedGroup"] = "ingest",
        ["DeadLetters:Path"] = scratch.File("dead-letters.db"),
        ["Alerts:StorePath"] = scratch.File("alerts.db"),
        ["Alerts:ClientId"] = "dashboard-test-alerts",
        ["Alerts:EvaluationInterval"] = "00:00:00.200",
        ["Alerts:Watering:Sustain"] = "00:10:00",
        ["Alerts:DeviceHealth:SensorStaleAfter"] = "7.00:00:00",
        ["Alerts:DeviceHealth:HeartbeatTimeout"] = "7.00:00:00",
        ["Alerts:Round:Enabled"] = "false",
        ["Alerts:Flood:Stations:0:Site"] = RiverSite,
        ["Alerts:Flood:Stations:0:AlertLevel"] = AlertLevel.ToString(CultureInfo.InvariantCulture),
        ["Alerts:Flood:Stations:0:WarningLevel"] = WarningLevel.ToString(CultureInfo.InvariantCulture),
        ["Alerts:Flood:Stations:0:SevereLevel"] = SevereLevel.ToString(CultureInfo.InvariantCulture),
        ["Api:Auth:ApiKeys:0:Name"] = AdminName,
        ["Api:Auth:ApiKeys:0:Sha256"] = Sha256Hex(adminKey),
        ["Api:Auth:ApiKeys:0:Roles:0"] = "admin",
        ["Api:Auth:ApiKeys:1:Name"] = OperativeName,
        ["Api:Auth:ApiKeys:1:Sha256"] = Sha256Hex(operativeKey),
        ["Api:Auth:ApiKeys:1:Roles:0"] = "operative",
        ["Api:RateLimit:PermitsPerMinute"] = "100000",
        ["Api:RateLimit:ApiPermitsPerMinute"] = "100000",
    };

    /// <summary>A key in the contract's form: <c>ssk_</c> + 32 random bytes, base64url.</summary>
    private static string NewKey() =>
        "ssk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Sha256Hex(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
