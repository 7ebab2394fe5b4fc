namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// One river-level station's thresholds, in metres above its datum (no national values exist: set them from the
/// Environment Agency station's typical range and flood history). Matches level readings of <see cref="Site"/>,
/// optionally one gateway and sensor.
/// </summary>
internal sealed class FloodStation
{
    public string Site { get; set; } = "";

    /// <summary>The gauge's public name (e.g. "River Dee at Grosvenor Bridge"): what the public CAP feed calls the
    /// area. Without it the feed says the site id; gateway and sensor ids never appear in CAP.</summary>
    public string? Name { get; set; }

    public string? Gateway { get; set; }

    public string? Sensor { get; set; }

    /// <summary>EA "Flood Alert" (flooding is possible, be prepared): severity moderate.</summary>
    public double AlertLevel { get; set; }

    /// <summary>EA "Flood Warning" (flooding is expected, immediate action required): severity severe.</summary>
    public double WarningLevel { get; set; }

    /// <summary>EA "Severe Flood Warning" (danger to life): severity extreme.</summary>
    public double SevereLevel { get; set; }

    /// <summary>How far below a level the river must fall to ease or clear (m).</summary>
    public double Hysteresis { get; set; } = 0.05;

    /// <summary>Rate of rise (m per hour) that raises a flood-rise alert; 0 disables it.</summary>
    public double RateOfRise { get; set; }

    /// <summary>The window the rate of rise is measured over.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the flood level must be held before it is reported (levels are median-filtered at the gateway).</summary>
    public TimeSpan Sustain { get; set; } = TimeSpan.Zero;
}
