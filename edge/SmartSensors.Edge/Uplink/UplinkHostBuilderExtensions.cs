using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmartSensors.Edge.Uplink;

/// <summary>Registers the MQTT uplink.</summary>
internal static class UplinkHostBuilderExtensions
{
    public static IHostApplicationBuilder AddUplink(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<UplinkService>();
        return builder;
    }
}
