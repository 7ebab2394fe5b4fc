using System.Diagnostics.Metrics;

namespace SmartSensors.Cloud.Alerts;

/// <summary>Alerts role metrics (meter <c>SmartSensors.Cloud.Alerts</c>).</summary>
internal sealed class AlertsMetrics
{
    public const string MeterName = "SmartSensors.Cloud.Alerts";
    private readonly Counter<long> _alertEvents;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _packs;
    private readonly Histogram<double> _deliveryLatency;

    public AlertsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _alertEvents = meter.CreateCounter<long>("smartsensors.alerts.events", "{event}", "Alert lifecycle events (raised, updated, acknowledged, resolved, renotified).");
        _notifications = meter.CreateCounter<long>("smartsensors.alerts.notifications", "{notification}", "Notification delivery attempts by channel and outcome.");
        _packs = meter.CreateCounter<long>("smartsensors.alerts.packs", "{pack}", "Packs evaluated by the rules.");
        _deliveryLatency = meter.CreateHistogram<double>("smartsensors.alerts.delivery_latency", "s", "Time from enqueue to delivery of a notification.");
    }

    public void AlertEvent(string kind, string category) =>
        _alertEvents.Add(1, new KeyValuePair<string, object?>("event", kind), new KeyValuePair<string, object?>("category", category));

    public void Notification(string channel, string outcome) =>
        _notifications.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public void PackEvaluated() => _packs.Add(1);

    public void Delivered(string channel, TimeSpan latency) =>
        _deliveryLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
}
