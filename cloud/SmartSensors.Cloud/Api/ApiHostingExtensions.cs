namespace SmartSensors.Cloud.Api;

/// <summary>The staff API under <c>/api/v1</c> (the <c>api</c> role).</summary>
internal static class ApiHostingExtensions
{
    /// <summary>Registers the API's services.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps the <c>/api/v1</c> endpoints, <c>/metrics</c> and the OpenAPI description.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
