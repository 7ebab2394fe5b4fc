using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Api.Endpoints;
using SmartSensors.Cloud.Api.Metrics;
using SmartSensors.Cloud.Api.Readings;
using SmartSensors.Cloud.Api.Stream;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Registry;
using SmartSensors.Cloud.Security;
using SmartSensors.Contracts;
using SmartSensors.Influx;
using SmartSensors.Influx.Query;

namespace SmartSensors.Cloud.Api;

/// <summary>The staff API under <c>/api/v1</c> (the <c>api</c> role), <c>/metrics</c> and the OpenAPI description.</summary>
internal static class ApiHostingExtensions
{
    /// <summary>The API's base path.</summary>
    public const string BasePath = "/api/v1";

    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the API's services when <c>SmartSensors:Roles</c> includes <c>api</c> (idempotent).</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!CloudRoles.IsEnabled(builder.Configuration, CloudRoles.Api) || builder.Services.Any(d => d.ServiceType == typeof(StreamHub)))
        {
            return builder;
        }

        builder.AddCloudHosting();
        builder.AddApiSecurity();
        builder.AddRegistry();
        builder.AddDeadLetters();
        builder.AddInfluxConnection();
        var services = builder.Services;
        services.AddOptions<ApiOptions>()
            .Bind(builder.Configuration.GetSection(ApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<PackDecoderOptions>()
            .Bind(builder.Configuration.GetSection(PackDecoderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new InfluxQueryClient(sp.GetRequiredService<IOptions<InfluxConnectionOptions>>().Value));
        services.AddSingleton<ReadingsQuery>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<LiveSubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveSubscriber>());
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExporter>());
        services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiSecurity>());
        return builder;
    }

    /// <summary>Maps the <c>/api/v1</c> endpoints (staff, rate limit <c>api</c>), <c>/metrics</c> (operators) and
    /// <c>/openapi/v1.json</c> (anonymous, rate limit <c>public</c>) when the API role is on.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<StreamHub>() is null)
        {
            return app;
        }

        var api = app.MapGroup(BasePath)
            .RequireAuthorization(ApiPolicies.Staff)
            .RequireRateLimiting(ApiPolicies.ApiRateLimit)
            .WithTags("staff");
        RegistryEndpoints.Map(api);
        ReadingsEndpoints.Map(api);
        AlertsEndpoints.Map(api);
        DeadLetterEndpoints.Map(api);
        StreamEndpoint.Map(api);

        app.MapGet(MetricsPath, (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType))
            .RequireAuthorization(ApiPolicies.Operators)
            .RequireRateLimiting(ApiPolicies.ApiRateLimit)
            .WithName("Metrics")
            .WithSummary("Prometheus text exposition (format 0.0.4) of the SmartSensors meters (operators).")
            .WithTags("operations");
        app.MapOpenApi().RequireRateLimiting(ApiPolicies.PublicRateLimit);
        return app;
    }
}
