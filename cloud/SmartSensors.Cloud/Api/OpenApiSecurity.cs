using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.Api;

/// <summary>Describes the two ways in (bearer JWT, API key) in the OpenAPI document and requires one of them on the
/// staff API's operations.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "SmartSensors staff API";
        document.Info.Description = "Sites, gateways, readings, alerts, the watering round, dead letters and live events. "
            + "Authenticate with a bearer JWT from the council's identity provider or an API key (X-Api-Key). Errors are RFC 7807 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[AuthSchemes.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT (HS256, RS256 or ES256) with the configured issuer and audience and a roles claim.",
        };
        document.Components.SecuritySchemes[AuthSchemes.ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthSchemes.ApiKeyHeader,
            Description = "An API key (ssk_...) issued with `smartsensors-admin api-key create`.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if ((!path.StartsWith("/api/", StringComparison.Ordinal) && path != "/metrics") || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.Bearer, document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.ApiKey, document)] = [] });
            }
        }

        return Task.CompletedTask;
    }
}
