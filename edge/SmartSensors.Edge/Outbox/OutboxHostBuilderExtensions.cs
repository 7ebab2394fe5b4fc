using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSensors.Edge.Configuration;

namespace SmartSensors.Edge.Outbox;

/// <summary>Registers the durable outbox and its writer.</summary>
internal static class OutboxHostBuilderExtensions
{
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OutboxOptions>>().Value;
            return SqliteOutbox.Open(options.Path, options.MaxBytes, options.MaxAge, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<OutboxWriterService>();
        return builder;
    }
}
