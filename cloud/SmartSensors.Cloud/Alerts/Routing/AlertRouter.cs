using System.Text.Json;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Alerts.Routing;

/// <summary>
/// Decides who hears an alert event and by which channels: an audience hears an alert when it listens to its category
/// and site and the alert is at least its minimum severity (for a resolution or acknowledgement: the highest severity
/// the alert had, so everyone told of it hears it closed). People channels (SMS, e-mail) are not told of
/// acknowledgements; machine channels (webhook, MQTT) hear everything.
/// </summary>
internal sealed class AlertRouter
{
    private readonly IReadOnlyDictionary<string, AudienceOptions> _audiences;

    public AlertRouter(IOptions<AlertsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _audiences = options.Value.EffectiveAudiences();
    }

    /// <summary>The audiences in force.</summary>
    public IReadOnlyDictionary<string, AudienceOptions> Audiences => _audiences;

    /// <summary>The notifications for <paramref name="alert"/> (already at its new version) after <paramref name="kind"/>.</summary>
    public IReadOnlyList<OutboxEntry> Route(Alert alert, AlertEventKind kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var entries = new List<OutboxEntry>();
        var message = ToMessage(alert);
        foreach (var (name, audience) in _audiences)
        {
            var escalation = kind == AlertEventKind.Renotified && audience.HearsEscalations;
            if (!escalation && !audience.Hears(alert.Category, alert.Site))
            {
                continue;
            }

            var severity = kind is AlertEventKind.Resolved or AlertEventKind.Acknowledged ? alert.PeakSeverity : alert.Severity;
            if (severity < audience.Minimum)
            {
                continue;
            }

            var people = kind != AlertEventKind.Acknowledged;
            if (audience.Mqtt)
            {
                Add(entries, alert, kind, name, ChannelNames.Mqtt, Topics.Alerts(name, alert.Site), message, now);
            }

            foreach (var hook in audience.Webhooks)
            {
                Add(entries, alert, kind, name, ChannelNames.Webhook, hook.Url!.AbsoluteUri, message, now);
            }

            if (people)
            {
                foreach (var number in audience.Sms)
                {
                    Add(entries, alert, kind, name, ChannelNames.Sms, number, message, now);
                }

                foreach (var address in audience.Email)
                {
                    Add(entries, alert, kind, name, ChannelNames.Email, address, message, now);
                }
            }
        }

        return entries;
    }

    /// <summary>The alert as subscribers see it.</summary>
    public static AlertMessage ToMessage(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertMessage(
            alert.Id,
            alert.RuleId,
            AlertNames.Of(alert.Category),
            alert.Site,
            alert.Gateway,
            alert.Sensor,
            AlertNames.Of(alert.Severity),
            alert.Level,
            AlertNames.Of(alert.State),
            alert.Title,
            alert.Message,
            alert.Value,
            alert.RaisedAt,
            alert.UpdatedAt,
            alert.Version,
            alert.AcknowledgedBy,
            alert.ResolvedBy);
    }

    /// <summary>The idempotency key of one notification: alert, version, channel, audience, target.</summary>
    public static string KeyOf(string alertId, int version, string channel, string audience, string target) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{alertId}:{version}:{channel}:{audience}:{target}");

    private static void Add(List<OutboxEntry> entries, Alert alert, AlertEventKind kind, string audience, string channel, string target, AlertMessage message, DateTimeOffset now)
    {
        var key = KeyOf(alert.Id, alert.Version, channel, audience, target);
        var notification = new AlertNotification(key, "alert." + AlertNames.Of(kind), audience, now, message, null);
        var payload = JsonSerializer.Serialize(notification, AlertJsonContext.Default.AlertNotification);
        entries.Add(new OutboxEntry(key, alert.Id, channel, audience, target, payload, now));
    }
}
