using Microsoft.AspNetCore.Http;

namespace SmartSensors.Cloud.Dashboard;

/// <summary>
/// The response headers of the dashboard's files: a Content-Security-Policy that allows only this origin's own files
/// (no inline script, no third-party hosts, no framing), no MIME sniffing, no referrer (a <c>#key=</c> link must never
/// leak), and revalidation so a new release is picked up.
/// </summary>
internal static class DashboardSecurityHeaders
{
    /// <summary>default-src 'self' with nothing inline: scripts are ES modules from this origin, styles are files.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-cache";
    }
}
