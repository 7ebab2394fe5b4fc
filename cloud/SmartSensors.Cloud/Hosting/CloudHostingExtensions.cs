using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Observability;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Hosting;

/// <summary>What every role shares: role selection, the <c>Mqtt</c> section, the clock, broker connection
/// tracking and the readiness endpoint.</summary>
internal static class CloudHostingExtensions
{
    /// <summary>The readiness endpoint: 200 when every check is healthy, 503 otherwise.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Adds the shared services (idempotent: each role's Add… calls it).</summary>
    public static IHostApplicationBuilder AddCloudHosting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(BrokerConnections)))
        {
            return builder;
        }

        builder.Services.AddOptions<SmartSensorsOptions>()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartSensorsOptions>, SmartSensorsOptionsValidator>());
        builder.Services.AddOptions<MqttClientOptions>()
            .Bind(builder.Configuration.GetSection(MqttClientOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttClientOptions>, MqttOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BrokerConnections>();
        builder.Services.AddMetrics();
        builder.Services.AddHealthChecks()
            .AddCheck<BrokerHealthCheck>("mqtt", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps <c>/healthz</c>: 200 "Healthy" when every check passes, 503 with the failing checks otherwise.</summary>
    public static IEndpointConventionBuilder MapHealthz(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
    }
}
