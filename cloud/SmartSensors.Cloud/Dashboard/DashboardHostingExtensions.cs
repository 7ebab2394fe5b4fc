namespace SmartSensors.Cloud.Dashboard;

/// <summary>The dashboard: static assets in <c>wwwroot/</c>, served by the API host, no CDN.</summary>
internal static class DashboardHostingExtensions
{
    /// <summary>Registers what the dashboard needs.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Serves the dashboard.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
