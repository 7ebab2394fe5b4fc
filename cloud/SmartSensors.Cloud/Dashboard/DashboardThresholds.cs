using Microsoft.Extensions.Configuration;
using SmartSensors.Cloud.Alerts.Rules;

namespace SmartSensors.Cloud.Dashboard;

/// <summary>
/// What the dashboard draws its charts against, read from the alert rules' own configuration (<c>Alerts:Watering</c>
/// and <c>Alerts:Flood:Stations</c>) so the lines on the charts are the levels that raise alerts. Read from
/// configuration rather than the alerts role's services: an <c>api</c>-only process has no alerts role.
/// </summary>
internal sealed record DashboardThresholds(WateringThresholds Watering, IReadOnlyList<FloodThresholds> Flood)
{
    public static DashboardThresholds From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var watering = new WateringOptions();
        configuration.GetSection("Alerts:Watering").Bind(watering);
        var flood = new FloodOptions();
        configuration.GetSection("Alerts:Flood").Bind(flood);
        return new DashboardThresholds(
            new WateringThresholds(
                watering.Threshold,
                watering.OverWateredThreshold,
                [.. watering.Overrides.Select(o => new WateringOverrideThresholds(o.Site, o.Gateway, o.Sensor, o.Threshold, o.OverWateredThreshold))]),
            [.. flood.Stations.Select(s => new FloodThresholds(s.Site, s.Gateway, s.Sensor, s.AlertLevel, s.WarningLevel, s.SevereLevel))]);
    }
}
