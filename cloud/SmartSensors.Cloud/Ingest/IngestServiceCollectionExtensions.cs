using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Observability;
using SmartSensors.Cloud.Registry;
using SmartSensors.Contracts;
using SmartSensors.Influx;
using SmartSensors.Influx.Write;

namespace SmartSensors.Cloud.Ingest;

/// <summary>Registers the ingest role when <c>SmartSensors:Roles</c> includes <c>ingest</c>.</summary>
internal static class IngestServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!CloudRoles.IsEnabled(builder.Configuration, CloudRoles.Ingest))
        {
            return builder;
        }

        builder.AddCloudHosting();
        builder.AddRegistry();
        builder.AddDeadLetters();
        builder.AddInfluxConnection();
        var services = builder.Services;
        services.AddOptions<IngestOptions>()
            .Bind(builder.Configuration.GetSection(IngestOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<InfluxWriterOptions>()
            .Bind(builder.Configuration.GetSection(InfluxWriterOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PackDecoderOptions>()
            .Bind(builder.Configuration.GetSection(PackDecoderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IngestMetrics>();
        services.AddSingleton<IngestService>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestService>());
        return builder;
    }

    /// <summary>Binds and validates the <c>Influx</c> section and adds the InfluxDB readiness check (idempotent).</summary>
    public static IHostApplicationBuilder AddInfluxConnection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(InfluxHealthCheck)))
        {
            return builder;
        }

        builder.Services.AddOptions<InfluxConnectionOptions>()
            .Bind(builder.Configuration.GetSection(InfluxConnectionOptions.SectionName))
            .ValidateDataAnnotations()
            // Addresses get logged; credentials belong in Influx:Username/Password or Influx:Token, which never are.
            .Validate(o => string.IsNullOrEmpty(o.Url?.UserInfo), "Influx:Url must not contain credentials; set Influx:Username and Influx:Password, or Influx:Token.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(InfluxHealthCheck.HttpClientName);
        builder.Services.AddSingleton<InfluxHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<InfluxHealthCheck>("influxdb", tags: ["ready"]);
        return builder;
    }
}
