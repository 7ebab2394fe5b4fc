using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// The air-quality rule (section <c>Alerts:AirQuality</c>): the DAQI index from running means (PM2.5 and PM10 24 h,
/// NO2 1 h, O3 8 h, SO2 15 min; 75 % data capture) raises at Moderate (4), escalates at High (7) and Very High (10)
/// and clears back at Low (3 or less). The bands are national, so only the sustain time is configurable.
/// </summary>
internal sealed class AirQualityOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long the index must stay at Moderate or worse before it is reported (running means are already
    /// smooth, so none by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Alerts:AirQuality:Sustain must be between 0 and 1 day.")]
    public TimeSpan Sustain { get; set; } = TimeSpan.Zero;
}
