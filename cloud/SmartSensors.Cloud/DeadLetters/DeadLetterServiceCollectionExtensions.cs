using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SmartSensors.Cloud.Hosting;

namespace SmartSensors.Cloud.DeadLetters;

/// <summary>Registers the dead-letter store.</summary>
internal static class DeadLetterServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="DeadLetterStore"/> singleton (ingest writes it; the API may list it). Idempotent.</summary>
    public static IHostApplicationBuilder AddDeadLetters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddCloudHosting();
        if (builder.Services.Any(d => d.ServiceType == typeof(DeadLetterStore)))
        {
            return builder;
        }

        builder.Services.AddOptions<DeadLetterOptions>()
            .Bind(builder.Configuration.GetSection(DeadLetterOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<DeadLetterStore>();
        return builder;
    }
}
