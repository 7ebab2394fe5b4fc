using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Channels.Cap;

/// <summary>CAP 1.2 output and the Atom feed of current alerts (section <c>Alerts:Cap</c>).</summary>
internal sealed class CapOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Cap";

    /// <summary>CAP <c>sender</c>: a globally unique id of the originator, e.g. <c>smartsensors@yourcouncil.gov.uk</c>.</summary>
    public string Sender { get; set; } = "smartsensors@localhost";

    /// <summary>CAP <c>senderName</c>: the council or service people see.</summary>
    public string SenderName { get; set; } = "SmartSensors";

    /// <summary>CAP <c>status</c>: Actual for live service, Exercise or Test for drills and trials.</summary>
    public string Status { get; set; } = "Actual";

    /// <summary>Resolved alerts stay in the feed (as Cancel messages) this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Alerts:Cap:ResolvedRetention must be between 0 and 30 days.")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most entries in the feed.</summary>
    [Range(1, 10_000, ErrorMessage = "Alerts:Cap:MaxEntries must be between 1 and 10,000.")]
    public int MaxEntries { get; set; } = 500;

    /// <summary>Categories published in the feed (resilience partners: flood by default; the feed is public).</summary>
    public IList<string> Categories { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Sender) || Sender.AsSpan().IndexOfAny(" ,<&") >= 0)
        {
            yield return new ValidationResult("Alerts:Cap:Sender is required and must not contain spaces, commas, '<' or '&'.", [nameof(Sender)]);
        }

        if (Status is not ("Actual" or "Exercise" or "System" or "Test" or "Draft"))
        {
            yield return new ValidationResult("Alerts:Cap:Status must be Actual, Exercise, System, Test or Draft.", [nameof(Status)]);
        }

        foreach (var category in Categories)
        {
            if (!AlertsOptions.IsCategory(category))
            {
                yield return new ValidationResult($"Alerts:Cap:Categories contains '{category}'; the categories are watering, air-quality, flood, device-health.", [nameof(Categories)]);
            }
        }
    }
}
