using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Round;

/// <summary>The scheduled watering round (section <c>Alerts:Round</c>).</summary>
internal sealed class RoundOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Round";

    /// <summary>Send the round every morning.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The audience that gets it (its channels and recipients).</summary>
    public string Audience { get; set; } = "street-operatives";

    /// <summary>Local time of day it is sent.</summary>
    public TimeOnly Time { get; set; } = new(7, 0);

    /// <summary>IANA time zone of <see cref="Time"/>.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Send the round even when no bed needs water ("nothing to water today").</summary>
    public bool SendWhenEmpty { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Alerts:Round:TimeZone '{TimeZone}' is not a known time zone (e.g. Europe/London).", [nameof(TimeZone)]);
        }

        if (!Contracts.Topics.IsValidId(Audience))
        {
            yield return new ValidationResult("Alerts:Round:Audience must be an audience name.", [nameof(Audience)]);
        }
    }
}
