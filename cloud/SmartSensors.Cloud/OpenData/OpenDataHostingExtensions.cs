using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Security.RateLimiting;
using SmartSensors.Influx;
using SmartSensors.Influx.Query;

namespace SmartSensors.Cloud.OpenData;

/// <summary>Anonymous open data under <c>/open/v1</c> (Open Government Licence), in the <c>api</c> role.</summary>
internal static class OpenDataHostingExtensions
{
    /// <summary>The address prefix.</summary>
    public const string Prefix = "/open/v1";

    /// <summary>Registers the open-data services (when <c>SmartSensors:Roles</c> includes <c>api</c>; idempotent).</summary>
    public static WebApplicationBuilder AddOpenData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!CloudRoles.IsEnabled(builder.Configuration, CloudRoles.Api) || builder.Services.Any(d => d.ServiceType == typeof(OpenDataResponder)))
        {
            return builder;
        }

        builder.AddCloudHosting();
        builder.AddInfluxConnection();
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<OpenDataOptions>()
            .Bind(configuration.GetSection(OpenDataOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new InfluxQueryClient(
            sp.GetRequiredService<IOptions<InfluxConnectionOptions>>().Value,
            sp.GetService<ILogger<InfluxQueryClient>>()));
        services.AddSingleton(sp =>
        {
            // River thresholds default to the alerts role's stations (Alerts:Flood), read here even when that role
            // runs in another process.
            var flood = new FloodOptions();
            configuration.GetSection("Alerts:Flood").Bind(flood);
            return new StationDirectory(sp.GetRequiredService<IOptions<OpenDataOptions>>(), flood);
        });
        services.AddSingleton(sp => new OpenDataLimits(sp.GetService<IOptions<RateLimitOptions>>()?.Value.PermitsPerMinute));
        services.AddSingleton<OpenDataStore>();
        services.AddSingleton<OpenDataMetrics>();
        services.AddSingleton<OpenDataResponder>();
        return builder;
    }

    /// <summary>Maps the <c>/open/v1</c> endpoints: anonymous, rate limited per client IP (policy <c>public</c>).</summary>
    public static WebApplication MapOpenData(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<OpenDataResponder>() is null)
        {
            return app;
        }

        var group = app.MapGroup(Prefix)
            .AllowAnonymous()
            .RequireRateLimiting(ApiPolicies.PublicRateLimit)
            .WithTags("Open data");
        group.MapGet("/", (HttpContext context, OpenDataResponder responder) => responder.CatalogueAsync(context));
        group.MapGet("/datasets", (HttpContext context, OpenDataResponder responder) => responder.CatalogueAsync(context));
        group.MapGet("/stations", (HttpContext context, OpenDataResponder responder) => responder.StationsAsync(context, csv: false));
        group.MapGet("/stations.csv", (HttpContext context, OpenDataResponder responder) => responder.StationsAsync(context, csv: true));
        foreach (var dataset in OpenDatasets.All)
        {
            group.MapGet("/" + dataset.Id, (HttpContext context, OpenDataResponder responder) => responder.DatasetAsync(context, dataset, csvSuffix: false));
            group.MapGet("/" + dataset.Id + ".csv", (HttpContext context, OpenDataResponder responder) => responder.DatasetAsync(context, dataset, csvSuffix: true));
        }

        var stations = app.Services.GetRequiredService<IOptions<OpenDataOptions>>().Value.Stations.Count;
        var capFeed = CapFeedEndpoints.Access(app.Configuration);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OpenDataHostingExtensions));
        OpenDataLog.Started(logger, stations, capFeed);
        return app;
    }
}
