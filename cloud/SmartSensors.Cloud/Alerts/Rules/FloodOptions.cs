using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>The flood rules (section <c>Alerts:Flood</c>): per-station levels and rate of rise, and silence while high.</summary>
internal sealed class FloodOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>A station whose last level was at or above its alert level and that has sent nothing for this long is
    /// itself a severe alert.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Alerts:Flood:SilentAfter must be between 10 seconds and 1 day.")]
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(15);

    public IList<FloodStation> Stations { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Stations.Count; i++)
        {
            var s = Stations[i];
            var at = $"Alerts:Flood:Stations:{i}";
            if (string.IsNullOrWhiteSpace(s.Site))
            {
                yield return new ValidationResult($"{at}:Site is required.", [nameof(Stations)]);
            }

            if (!(s.AlertLevel < s.WarningLevel && s.WarningLevel < s.SevereLevel))
            {
                yield return new ValidationResult($"{at}: AlertLevel < WarningLevel < SevereLevel is required (metres above datum).", [nameof(Stations)]);
            }

            if (s.Hysteresis < 0 || s.RateOfRise < 0 || s.RateWindow < TimeSpan.FromMinutes(1) || s.Sustain < TimeSpan.Zero)
            {
                yield return new ValidationResult($"{at}: Hysteresis and RateOfRise must not be negative, RateWindow at least 1 minute, Sustain not negative.", [nameof(Stations)]);
            }
        }
    }

    /// <summary>The most specific station matching a sensor, or null.</summary>
    public FloodStation? For(string site, string gateway, string sensor)
    {
        FloodStation? best = null;
        var bestScore = -1;
        foreach (var s in Stations)
        {
            if (!string.Equals(s.Site, site, StringComparison.Ordinal)
                || (s.Gateway is not null && !string.Equals(s.Gateway, gateway, StringComparison.Ordinal))
                || (s.Sensor is not null && !string.Equals(s.Sensor, sensor, StringComparison.Ordinal)))
            {
                continue;
            }

            var score = (s.Gateway is null ? 0 : 1) + (s.Sensor is null ? 0 : 2);
            if (score > bestScore)
            {
                best = s;
                bestScore = score;
            }
        }

        return best;
    }
}
