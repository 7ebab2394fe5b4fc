using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Applies <c>OpenData:CapFeed</c> to the CAP endpoints (<c>/alerts/cap.atom</c>, <c>/alerts/{id}/cap</c>):
/// <c>Public</c> (default) — anonymous, rate limited per client IP like the open data; <c>Restricted</c> — staff only
/// (the <c>staff</c> policy: 401 without credentials). CAP messages name the site and gateway in <c>areaDesc</c>, so
/// choose Restricted where gateway ids must not be public.
/// </summary>
internal static class CapFeedEndpoints
{
    /// <summary>The configured access (read when the endpoints are mapped; an unknown value stops the start).</summary>
    public static CapFeedAccess Access(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[$"{OpenDataOptions.SectionName}:{nameof(OpenDataOptions.CapFeed)}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return CapFeedAccess.Public;
        }

        return Enum.TryParse<CapFeedAccess>(text.Trim(), ignoreCase: true, out var access) && Enum.IsDefined(access) && !char.IsAsciiDigit(text.Trim()[0])
            ? access
            : throw new InvalidOperationException($"OpenData:CapFeed is '{text}'; it must be Public or Restricted.");
    }

    /// <summary>Makes a CAP endpoint public or staff-only as configured.</summary>
    public static TBuilder WithCapFeedAccess<TBuilder>(this TBuilder builder, IConfiguration configuration)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Access(configuration) == CapFeedAccess.Restricted
            ? builder.RequireAuthorization(ApiPolicies.Staff).RequireRateLimiting(ApiPolicies.ApiRateLimit)
            : builder.AllowAnonymous().RequireRateLimiting(ApiPolicies.PublicRateLimit);
    }
}
