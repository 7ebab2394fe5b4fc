using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Edge.Configuration;

/// <summary>Binds and validates every configuration section; an invalid setting stops start-up naming it.</summary>
internal static class ConfigurationHostBuilderExtensions
{
    /// <summary>Environment variables use <c>__</c> for <c>:</c>, e.g. <c>SmartSensors__Gateway__Id=bed-gw-1</c>.</summary>
    public static IHostApplicationBuilder AddGatewayConfiguration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        UseConfigurationFile(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsAnnotations>();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        services.AddOptions<BrokerOptions>().Bind(configuration.GetSection(BrokerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsAnnotations>();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();

        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsAnnotations>();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();

        services.AddOptions<SensorListOptions>().Bind(configuration.GetSection(SensorListOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SensorListOptions>, SensorListOptionsValidator>();

        services.AddOptions<SimulationOptions>().Bind(configuration.GetSection(SimulationOptionsValidator.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulationOptions>, SimulationOptionsValidator>();
        return builder;
    }

    /// <summary>
    /// <c>--config /etc/smartsensors/gateway.json</c> (or <c>SMARTSENSORS_CONFIG</c>): use that file instead of the
    /// appsettings files next to the program; environment variables and the command line still override it.
    /// </summary>
    private static void UseConfigurationFile(IHostApplicationBuilder builder)
    {
        var path = builder.Configuration["config"];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Environment.GetEnvironmentVariable("SMARTSENSORS_CONFIG");
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The configuration file given with --config (or SMARTSENSORS_CONFIG) does not exist: '{fullPath}'.", fullPath);
        }

        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var insertAt = -1;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } jsonPath } && jsonPath.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources.RemoveAt(i);
                insertAt = i;
            }
        }

        var file = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(fullPath)!),
            Path = Path.GetFileName(fullPath),
            Optional = false,
            ReloadOnChange = false,
        };
        sources.Insert(insertAt < 0 ? 0 : insertAt, file);
    }
}
