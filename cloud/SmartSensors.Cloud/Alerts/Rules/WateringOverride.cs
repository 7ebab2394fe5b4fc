namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>Watering settings for one site, or one gateway / sensor within it (unset values inherit).</summary>
internal sealed class WateringOverride
{
    public string Site { get; set; } = "";

    public string? Gateway { get; set; }

    public string? Sensor { get; set; }

    public double? Threshold { get; set; }

    public double? Hysteresis { get; set; }

    public TimeSpan? Sustain { get; set; }

    public double? OverWateredThreshold { get; set; }
}
