using SmartSensors.Cloud.Alerts.Lifecycle;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// A rule's verdict on one subject changed: raised at a level, moved to another level, or cleared (level 0).
/// The lifecycle turns it into a new alert, an update of the open one, or a resolution.
/// </summary>
/// <param name="RuleId">Which rule.</param>
/// <param name="Category">Alert category.</param>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="Sensor">Sensor id (empty for a gateway-wide condition).</param>
/// <param name="Level">0 clear, else the level reached.</param>
/// <param name="Severity">Severity of that level (ignored when clear).</param>
/// <param name="Title">One line for people.</param>
/// <param name="Message">The detail, with the numbers.</param>
/// <param name="Value">The deciding value, when there is one.</param>
/// <param name="At">When (capture time of the deciding reading, or the clock for time-based rules).</param>
internal sealed record ConditionChange(
    string RuleId,
    AlertCategory Category,
    string Site,
    string Gateway,
    string Sensor,
    int Level,
    AlertSeverity Severity,
    string Title,
    string Message,
    double? Value,
    DateTimeOffset At)
{
    /// <summary>The dedupe key of the subject (site/gateway/sensor).</summary>
    public string Subject => $"{Site}/{Gateway}/{Sensor}";
}
