using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.Dashboard;

/// <summary>
/// The dashboard: static assets in <c>wwwroot/</c> (plain HTML, CSS and ES modules, no CDN, no build step), served by
/// the API host at <c>/</c> when the <c>api</c> role is on. The files are anonymous; every piece of data they show
/// comes from the authenticated API. Also <c>GET /dashboard/thresholds</c> (staff only): the river levels and soil
/// moisture bands the charts are drawn against.
/// </summary>
internal static class DashboardHostingExtensions
{
    /// <summary>The thresholds endpoint.</summary>
    public const string ThresholdsPath = "/dashboard/thresholds";

    /// <summary>Registers what the dashboard needs: when the process runs from a build output (run.sh runs
    /// <c>bin/Release</c>), <c>wwwroot</c> is not next to the program and the build's static web assets manifest
    /// points at the project's <c>wwwroot</c> instead; a published copy carries <c>wwwroot</c> itself.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!CloudRoles.IsEnabled(builder.Configuration, CloudRoles.Api))
        {
            return builder;
        }

        var webRoot = builder.Environment.WebRootPath;
        if (!builder.Environment.IsDevelopment() && (webRoot is null || !File.Exists(Path.Combine(webRoot, "index.html"))))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }

    /// <summary>Serves the dashboard's files (with its security headers) and the thresholds endpoint.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!CloudRoles.IsEnabled(app.Configuration, CloudRoles.Api))
        {
            return app;
        }

        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => DashboardSecurityHeaders.Apply(context.Context.Response.Headers),
        });

        var configuration = app.Configuration;
        app.MapGet(ThresholdsPath, () => Results.Json(DashboardThresholds.From(configuration)))
            .RequireAuthorization(ApiPolicies.Staff)
            .RequireRateLimiting(ApiPolicies.ApiRateLimit)
            .ExcludeFromDescription();
        return app;
    }
}
