using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SmartSensors.Cloud.Hosting;

namespace SmartSensors.Cloud.Registry;

/// <summary>Registers the gateway registry and its status subscriber.</summary>
internal static class RegistryServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="GatewayRegistry"/> singleton (every role may read it) and the subscriber that keeps it current.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddCloudHosting();
        builder.Services.AddOptions<RegistryOptions>()
            .Bind(builder.Configuration.GetSection(RegistryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<GatewayRegistry>();
        builder.Services.AddHostedService<GatewayRegistrySubscriber>();
        return builder;
    }
}
