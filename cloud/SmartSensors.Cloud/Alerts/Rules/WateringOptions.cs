using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// The watering rules (section <c>Alerts:Watering</c>). Defaults from Wrexham's flowerbed pilot (shared/DOMAIN.md §2):
/// below 25 % needs watering, above 70 % over-watered. <see cref="Overrides"/> change them per site or sensor.
/// </summary>
internal sealed class WateringOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>Soil moisture (%) below which a bed needs watering.</summary>
    [Range(0.0, 100.0, ErrorMessage = "Alerts:Watering:Threshold must be between 0 and 100 (%).")]
    public double Threshold { get; set; } = 25;

    /// <summary>How far above the threshold moisture must rise to clear (a watering shows as a sharp rise).</summary>
    [Range(0.0, 50.0, ErrorMessage = "Alerts:Watering:Hysteresis must be between 0 and 50 (%).")]
    public double Hysteresis { get; set; } = 5;

    /// <summary>How long every reading must be below the threshold before the bed is reported (not one noisy sample).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Alerts:Watering:Sustain must be between 0 and 7 days.")]
    public TimeSpan Sustain { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Soil moisture (%) above which a bed is over-watered.</summary>
    [Range(0.0, 100.0, ErrorMessage = "Alerts:Watering:OverWateredThreshold must be between 0 and 100 (%).")]
    public double OverWateredThreshold { get; set; } = 70;

    /// <summary>Per site (and optionally gateway / sensor) values; the most specific match wins.</summary>
    public IList<WateringOverride> Overrides { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OverWateredThreshold <= Threshold + Hysteresis)
        {
            yield return new ValidationResult("Alerts:Watering:OverWateredThreshold must be above Threshold + Hysteresis.", [nameof(OverWateredThreshold)]);
        }

        for (var i = 0; i < Overrides.Count; i++)
        {
            var o = Overrides[i];
            if (string.IsNullOrWhiteSpace(o.Site))
            {
                yield return new ValidationResult($"Alerts:Watering:Overrides:{i}:Site is required.", [nameof(Overrides)]);
            }

            if (o.Threshold is < 0 or > 100 || o.OverWateredThreshold is < 0 or > 100 || o.Hysteresis is < 0 or > 50)
            {
                yield return new ValidationResult($"Alerts:Watering:Overrides:{i}: thresholds must be 0..100 % and hysteresis 0..50 %.", [nameof(Overrides)]);
            }
        }
    }

    /// <summary>The effective settings for one sensor.</summary>
    public (double Threshold, double Hysteresis, TimeSpan Sustain, double OverWatered) For(string site, string gateway, string sensor)
    {
        WateringOverride? best = null;
        var bestScore = -1;
        foreach (var o in Overrides)
        {
            if (!string.Equals(o.Site, site, StringComparison.Ordinal)
                || (o.Gateway is not null && !string.Equals(o.Gateway, gateway, StringComparison.Ordinal))
                || (o.Sensor is not null && !string.Equals(o.Sensor, sensor, StringComparison.Ordinal)))
            {
                continue;
            }

            var score = (o.Gateway is null ? 0 : 1) + (o.Sensor is null ? 0 : 2);
            if (score > bestScore)
            {
                best = o;
                bestScore = score;
            }
        }

        return (best?.Threshold ?? Threshold, best?.Hysteresis ?? Hysteresis, best?.Sustain ?? Sustain, best?.OverWateredThreshold ?? OverWateredThreshold);
    }
}
