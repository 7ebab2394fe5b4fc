using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmartSensors.Edge.Health;

/// <summary>Registers the metrics and the gateway health readings.</summary>
internal static class HealthHostBuilderExtensions
{
    public static IHostApplicationBuilder AddGatewayHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton(new CpuTemperatureReader());
        builder.Services.AddHostedService<HealthService>();
        return builder;
    }
}
