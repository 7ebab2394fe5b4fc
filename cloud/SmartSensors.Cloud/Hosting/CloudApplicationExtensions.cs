using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Dashboard;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.OpenData;
using SmartSensors.Cloud.Registry;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.Hosting;

/// <summary>The whole cloud host's wiring, in one place: <c>Program.cs</c> and the tests that start a host call these,
/// so a test host is the product host. Each feature decides from <c>SmartSensors:Roles</c> whether it runs.</summary>
internal static class CloudApplicationExtensions
{
    /// <summary>Registers every feature: hosting, registry, dead letters, ingest, alerts, API security, API, open data, dashboard.</summary>
    public static WebApplicationBuilder AddSmartSensorsCloud(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddCloudHosting();
        builder.AddRegistry();
        builder.AddDeadLetters();
        builder.AddIngest();
        builder.AddAlerts();
        builder.AddApiSecurity();
        builder.AddApi();
        builder.AddOpenData();
        builder.AddDashboard();
        return builder;
    }

    /// <summary>The HTTP pipeline and endpoints: security middleware, health, alerts (CAP), API, open data, dashboard.</summary>
    public static WebApplication MapSmartSensorsCloud(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseApiSecurity();
        app.MapHealthz();
        app.MapAlerts();
        app.MapApi();
        app.MapOpenData();
        app.MapDashboard();
        return app;
    }
}
