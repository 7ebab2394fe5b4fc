using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Alerts.Store;

namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>
/// Raised → acknowledged → resolved. Applies the rules' verdicts (one open alert per rule and subject; a level change
/// is an update of that alert; a clear resolves it), acknowledgements and manual resolutions, and re-notifies alerts
/// left unacknowledged. Every change commits the alert, its history entry and its notifications together, so a restart
/// neither loses nor repeats one. Serialised by a lock: the evaluator and the API may call at once.
/// </summary>
internal sealed class AlertLifecycle
{
    /// <summary>The actor recorded when the rules resolve an alert.</summary>
    public const string Auto = "auto";

    private readonly AlertStore _store;
    private readonly AlertRouter _router;
    private readonly TimeProvider _clock;
    private readonly AlertsOptions _options;
    private readonly AlertsMetrics _metrics;
    private readonly ILogger<AlertLifecycle> _logger;
    private readonly Lock _gate = new();

    public AlertLifecycle(AlertStore store, AlertRouter router, TimeProvider clock, IOptions<AlertsOptions> options, AlertsMetrics metrics, ILogger<AlertLifecycle> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _router = router;
        _clock = clock;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Raised after notifications were committed to the outbox (the dispatcher wakes on it).</summary>
    public event Action? NotificationsEnqueued;

    /// <summary>Tells the dispatcher that notifications were enqueued outside an alert change (the watering round).</summary>
    public void RaiseEnqueued() => NotificationsEnqueued?.Invoke();

    /// <summary>Applies a rule's verdict. Returns the alert when it changed, null when nothing changed.</summary>
    public Alert? Apply(ConditionChange change, (double Latitude, double Longitude)? location = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var open = _store.FindOpen(change.RuleId, change.Subject);
            if (change.Level == 0)
            {
                return open is null ? null : CloseLocked(open, Auto, change.Message, change.Value, now);
            }

            if (open is null)
            {
                var raised = new Alert(
                    Guid.NewGuid().ToString("N"),
                    change.RuleId,
                    change.Category,
                    change.Site,
                    change.Gateway,
                    change.Sensor,
                    change.Severity,
                    change.Severity,
                    change.Level,
                    AlertState.Raised,
                    change.Title,
                    change.Message,
                    change.Value,
                    location?.Latitude,
                    location?.Longitude,
                    now,
                    now,
                    null,
                    null,
                    null,
                    null,
                    1,
                    now);
                return CommitLocked(raised, AlertEventKind.Raised, Auto, now);
            }

            if (open.Level == change.Level)
            {
                return null; // the same condition again: dedupe
            }

            var escalated = change.Severity > open.Severity || change.Level > open.Level;
            var updated = open with
            {
                Severity = change.Severity,
                PeakSeverity = change.Severity > open.PeakSeverity ? change.Severity : open.PeakSeverity,
                Level = change.Level,
                // Acknowledging "flood alert" is not acknowledging "severe flood warning": an escalation needs a new acknowledgement.
                State = escalated ? AlertState.Raised : open.State,
                AcknowledgedAt = escalated ? null : open.AcknowledgedAt,
                AcknowledgedBy = escalated ? null : open.AcknowledgedBy,
                Title = change.Title,
                Message = change.Message,
                Value = change.Value,
                UpdatedAt = now,
                Version = open.Version + 1,
                LastNotifiedAt = now,
            };
            return CommitLocked(updated, AlertEventKind.Updated, Auto, now);
        }
    }

    /// <summary>Acknowledges an open alert (stops re-notification). Null when there is no such open alert; the alert
    /// unchanged when it was already acknowledged.</summary>
    public Alert? Acknowledge(string alertId, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        lock (_gate)
        {
            var alert = _store.Get(alertId);
            if (alert is null || !alert.IsOpen)
            {
                return null;
            }

            if (alert.State == AlertState.Acknowledged)
            {
                return alert;
            }

            var now = _clock.GetUtcNow();
            var acknowledged = alert with
            {
                State = AlertState.Acknowledged,
                AcknowledgedAt = now,
                AcknowledgedBy = by,
                UpdatedAt = now,
                Version = alert.Version + 1,
            };
            return CommitLocked(acknowledged, AlertEventKind.Acknowledged, by, now);
        }
    }

    /// <summary>Resolves an open alert by hand. Null when there is no such open alert.</summary>
    public Alert? Resolve(string alertId, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        lock (_gate)
        {
            var alert = _store.Get(alertId);
            return alert is null || !alert.IsOpen ? null : CloseLocked(alert, by, $"Resolved by {by}.", alert.Value, _clock.GetUtcNow());
        }
    }

    /// <summary>Re-notifies every alert still raised and unacknowledged <c>Alerts:RenotifyAfter</c> after subscribers
    /// were last told. Returns how many were re-notified.</summary>
    public int RenotifyDue()
    {
        if (_options.RenotifyAfter <= TimeSpan.Zero)
        {
            return 0;
        }

        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var due = _store.ListUnacknowledgedNotifiedBefore(now - _options.RenotifyAfter);
            foreach (var alert in due)
            {
                CommitLocked(alert with { Version = alert.Version + 1, LastNotifiedAt = now, UpdatedAt = now }, AlertEventKind.Renotified, Auto, now);
            }

            return due.Count;
        }
    }

    private Alert CloseLocked(Alert open, string by, string message, double? value, DateTimeOffset now)
    {
        var resolved = open with
        {
            State = AlertState.Resolved,
            ResolvedAt = now,
            ResolvedBy = by,
            Message = message,
            Value = value ?? open.Value,
            UpdatedAt = now,
            Version = open.Version + 1,
        };
        return CommitLocked(resolved, AlertEventKind.Resolved, by, now);
    }

    private Alert CommitLocked(Alert alert, AlertEventKind kind, string actor, DateTimeOffset now)
    {
        var notifications = _router.Route(alert, kind, now);
        var change = new AlertEvent(alert.Id, alert.Version, kind, now, alert.Severity, alert.Message, actor);
        var enqueued = _store.Commit(alert, change, notifications);
        _metrics.AlertEvent(AlertNames.Of(kind), AlertNames.Of(alert.Category));
        AlertsLog.AlertChanged(_logger, alert.Id, AlertNames.Of(kind), alert.RuleId, alert.Subject, AlertNames.Of(alert.Severity), alert.Title);
        if (enqueued > 0)
        {
            NotificationsEnqueued?.Invoke();
        }

        return alert;
    }
}
