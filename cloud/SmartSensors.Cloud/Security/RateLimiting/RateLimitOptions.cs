using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Security.RateLimiting;

/// <summary>Rate limits (configuration section <c>Api:RateLimit</c>): fixed one-minute windows, no queueing.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    /// <summary>Requests per minute per client IP on anonymous endpoints (policy <c>public</c>).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:RateLimit:PermitsPerMinute must be between 1 and 1,000,000.")]
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>Requests per minute per identity on authenticated endpoints (policy <c>api</c>).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:RateLimit:ApiPermitsPerMinute must be between 1 and 1,000,000.")]
    public int ApiPermitsPerMinute { get; set; } = 600;
}
