using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Security.RateLimiting;

/// <summary>The <c>public</c> (per client IP) and <c>api</c> (per identity) fixed-window policies, and the 429 answer.</summary>
internal static class RateLimitPolicies
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(ApiPolicies.PublicRateLimit, context =>
        {
            var permits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.PermitsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter("ip:" + ClientAddress(context), _ => Fixed(permits));
        });
        limiter.AddPolicy(ApiPolicies.ApiRateLimit, context =>
        {
            var permits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ApiPermitsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(ClientIdentity(context), _ => Fixed(permits));
        });
        limiter.OnRejected = OnRejectedAsync;
    }

    /// <summary>The partition of a request under the <c>api</c> policy: the authenticated identity, else the client IP.</summary>
    public static string ClientIdentity(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? $"id:{context.User.Identity.AuthenticationType}:{name}"
            : "ip:" + ClientAddress(context);
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Fixed(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "unknown";
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitPolicies));
        var client = policy == ApiPolicies.ApiRateLimit ? ClientIdentity(context) : "ip:" + ClientAddress(context);
        string path = context.Request.Path;
        SecurityLog.RateLimited(logger, policy, client, path);
        await SecurityProblems.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            $"The '{policy}' rate limit (requests per minute, Api:RateLimit) is used up; retry after {seconds} s.").ConfigureAwait(false);
    }
}
