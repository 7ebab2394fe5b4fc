using System.ComponentModel.DataAnnotations;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Alerts;

/// <summary>
/// The alerts role (configuration section <c>Alerts</c>). Rules, channels, the outbox, CAP and the watering round have
/// their own sub-sections (<c>Alerts:Watering</c>, <c>Alerts:Notify</c>, ...); see docs/alerts.md.
/// </summary>
internal sealed class AlertsOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>The SQLite file holding alerts, history, the notification outbox and the rule engine's snapshot.</summary>
    [Required(ErrorMessage = "Alerts:StorePath is required (a SQLite file, e.g. data/alerts.db).")]
    [MinLength(1, ErrorMessage = "Alerts:StorePath is required (a SQLite file, e.g. data/alerts.db).")]
    public string StorePath { get; set; } = "data/alerts.db";

    /// <summary>The sites this instance evaluates (the alert role is partitioned by site); empty means every site.</summary>
    public IList<string> Sites { get; } = [];

    /// <summary>MQTT client id of the alerts subscription (a persistent session: readings published while the role
    /// is down are evaluated when it is back). Default <c>ss-alerts-{machine}</c>; give each partition its own.</summary>
    public string? ClientId { get; set; }

    /// <summary>How long the broker keeps the session (and queues readings) while the role is down.</summary>
    [Range(60, 30 * 86400, ErrorMessage = "Alerts:SessionExpirySeconds must be between 60 and 2,592,000.")]
    public int SessionExpirySeconds { get; set; } = 86400;

    /// <summary>Unacknowledged packs in flight from the broker.</summary>
    [Range(1, 65535, ErrorMessage = "Alerts:ReceiveMaximum must be between 1 and 65535.")]
    public int ReceiveMaximum { get; set; } = 1000;

    /// <summary>How often the time-based rules (offline, stale, silent), re-notification and the round run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Alerts:EvaluationInterval must be between 50 ms and 1 hour.")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An alert still raised and unacknowledged this long after subscribers were last told is sent again
    /// (and to the escalation audiences). 00:00:00 turns re-notification off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Alerts:RenotifyAfter must be between 0 and 30 days.")]
    public TimeSpan RenotifyAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the rule engine's state (pending breaches, running means, last heard) is saved.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Alerts:SnapshotInterval must be between 1 second and 1 hour.")]
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most sensors the rules keep state for; readings of further new sensors are not evaluated (a bound
    /// against unbounded memory; a gateway can only publish under its own prefix, so this is the estate's size).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Alerts:MaxSensors must be between 1 and 10,000,000.")]
    public int MaxSensors { get; set; } = 200_000;

    /// <summary>Who is told what, by which channels. Empty: the four default audiences, MQTT only.</summary>
    public IDictionary<string, AudienceOptions> Audiences { get; } = new Dictionary<string, AudienceOptions>(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var site in Sites)
        {
            if (!Topics.IsValidId(site))
            {
                yield return new ValidationResult($"Alerts:Sites contains '{site}', which is not a site id (lowercase [a-z0-9-]{{1,64}}).", [nameof(Sites)]);
            }
        }

        if (ClientId is { Length: > 64 })
        {
            yield return new ValidationResult("Alerts:ClientId must be at most 64 characters.", [nameof(ClientId)]);
        }

        foreach (var (name, audience) in Audiences)
        {
            foreach (var problem in audience.Problems(name))
            {
                yield return new ValidationResult(problem, [nameof(Audiences)]);
            }
        }
    }

    /// <summary>Audiences in force: the configured ones, or the defaults.</summary>
    public IReadOnlyDictionary<string, AudienceOptions> EffectiveAudiences() =>
        Audiences.Count > 0 ? Audiences.AsReadOnly() : AudienceOptions.Defaults();

    /// <summary>Helper for validation of category names.</summary>
    internal static bool IsCategory(string name) => AlertNames.TryParseCategory(name, out _);
}
