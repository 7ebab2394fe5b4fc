using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartSensors.Edge.Health;

namespace SmartSensors.Edge.Sampling;

/// <summary>Registers the samplers (one per configured sensor) and the queue they feed.</summary>
internal static class SamplingHostBuilderExtensions
{
    public static IHostApplicationBuilder AddSampling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ReadingQueue>();
        builder.Services.AddSingleton<SensorHealthRegistry>();
        builder.Services.AddSingleton<ISensorFactory, DeviceSensorFactory>();
        builder.Services.AddHostedService<SamplingService>();
        return builder;
    }
}
