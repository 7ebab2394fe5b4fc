namespace SmartSensors.Cloud.OpenData;

/// <summary>Anonymous open data under <c>/open/v1</c> (Open Government Licence).</summary>
internal static class OpenDataHostingExtensions
{
    /// <summary>Registers the open-data services.</summary>
    public static WebApplicationBuilder AddOpenData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps the <c>/open/v1</c> endpoints.</summary>
    public static WebApplication MapOpenData(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
