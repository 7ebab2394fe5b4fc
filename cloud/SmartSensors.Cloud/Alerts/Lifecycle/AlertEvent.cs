namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>One entry of an alert's history.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="Version">The alert's version after this event.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="Severity">Severity after the event.</param>
/// <param name="Message">The alert's message after the event.</param>
/// <param name="Actor">Who did it (acknowledge / resolve by hand), "auto" for the rules, null otherwise.</param>
internal sealed record AlertEvent(string AlertId, int Version, AlertEventKind Kind, DateTimeOffset At, AlertSeverity Severity, string Message, string? Actor);
