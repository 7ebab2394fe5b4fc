using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Security.ApiKeys;
using SmartSensors.Cloud.Security.Jwt;
using SmartSensors.Cloud.Security.RateLimiting;

namespace SmartSensors.Cloud.Security;

/// <summary>Authentication (JWT bearer, API keys), authorisation by role and rate limiting for the HTTP endpoints.</summary>
internal static class SecurityHostingExtensions
{
    /// <summary>Registers authentication, the role policies and the rate limiter (idempotent).</summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(ApiKeyStore)))
        {
            return builder;
        }

        builder.AddCloudHosting();
        var services = builder.Services;
        services.AddOptions<ApiAuthOptions>()
            .Bind(builder.Configuration.GetSection(ApiAuthOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiAuthOptions>, ApiAuthOptionsValidator>();
        services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton(sp => CreateValidator(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value));

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Bearer token or API key", scheme =>
                scheme.ForwardDefaultSelector = context => ApiKeyHandler.KeyOf(context.Request) is not null ? AuthSchemes.ApiKey : AuthSchemes.Bearer)
            .AddScheme<AuthenticationSchemeOptions, JwtBearerHandler>(AuthSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(AuthSchemes.ApiKey, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Staff, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRoles.All))
            .AddPolicy(ApiPolicies.Operators, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRoles.Operator, ApiRoles.Admin));
        services.AddRateLimiter(RateLimitPolicies.Configure);
        return builder;
    }

    /// <summary>Adds the security middleware to the pipeline: authentication first (the <c>api</c> rate limit is per
    /// identity), then the rate limiter, then authorisation.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityHostingExtensions));
        var signingKeys = app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value.Jwt.SigningKeys.Count;
        var apiKeys = app.Services.GetRequiredService<ApiKeyStore>().Count;
        SecurityLog.Configured(logger, signingKeys, apiKeys);
        return app;
    }

    /// <summary>The JWT validator for validated options (the keys are built once, at start).</summary>
    internal static JwtValidator CreateValidator(ApiAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jwt = options.Jwt;
        var keys = new List<JwtSigningKey>();
        for (var i = 0; i < jwt.SigningKeys.Count; i++)
        {
            keys.Add(JwtSigningKey.TryCreate(jwt.SigningKeys[i], i, out var error) ?? throw new OptionsValidationException(ApiAuthOptions.SectionName, typeof(ApiAuthOptions), [error!]));
        }

        return new JwtValidator(keys, jwt.Issuer, jwt.Audience, jwt.RoleClaim, jwt.ClockSkew, jwt.MaxTokenLength);
    }
}
