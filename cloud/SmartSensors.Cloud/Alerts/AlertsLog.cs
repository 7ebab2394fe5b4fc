using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Alerts;

/// <summary>Alerts role log messages (event ids 6301-6399).</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Alerts subscribed to {Filters} as {ClientId} (session present {SessionPresent})")]
    public static partial void Subscribed(ILogger logger, string filters, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Error, Message = "Alerts subscriber failed; restarting in {Delay}")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "Alert {AlertId} {Event}: {Rule} on {Subject}, {Severity}: {Title}")]
    public static partial void AlertChanged(ILogger logger, string alertId, string @event, string rule, string subject, string severity, string title);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Debug, Message = "Message on {Topic} not evaluated: {Reason}")]
    public static partial void NotEvaluated(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Information, Message = "Notification {Key} delivered by {Channel} after {Attempts} attempt(s)")]
    public static partial void Delivered(ILogger logger, string key, string channel, int attempts);

    [LoggerMessage(EventId = 6306, Level = LogLevel.Warning, Message = "Notification {Key} by {Channel} failed (attempt {Attempts}): {Error}; retrying at {Next:O}")]
    public static partial void DeliveryRetry(ILogger logger, string key, string channel, int attempts, string error, DateTimeOffset next);

    [LoggerMessage(EventId = 6307, Level = LogLevel.Error, Message = "Notification {Key} by {Channel} given up after {Attempts} attempt(s): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string key, string channel, int attempts, string error);

    [LoggerMessage(EventId = 6308, Level = LogLevel.Error, Message = "Alert evaluation failed; the message stays unacknowledged for redelivery")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6309, Level = LogLevel.Error, Message = "Notification dispatcher failed; retrying in {Delay}")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 6310, Level = LogLevel.Information, Message = "Watering round for {Date} sent to {Audience}: {Beds} bed(s) at {Sites} site(s)")]
    public static partial void RoundSent(ILogger logger, string date, string audience, int beds, int sites);

    [LoggerMessage(EventId = 6311, Level = LogLevel.Information, Message = "Rule engine restored: {Open} open alert(s), snapshot {Snapshot}")]
    public static partial void Restored(ILogger logger, int open, string snapshot);

    [LoggerMessage(EventId = 6312, Level = LogLevel.Warning, Message = "Rule engine snapshot could not be read ({Reason}); starting from the open alerts only")]
    public static partial void SnapshotUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 6313, Level = LogLevel.Error, Message = "No channel is registered for outbox channel {Channel}; notification {Key} cannot be sent")]
    public static partial void NoChannel(ILogger logger, string channel, string key);

    [LoggerMessage(EventId = 6314, Level = LogLevel.Error, Message = "Alerts subscription {Filter} was refused by the broker: {ReasonCode}")]
    public static partial void SubscribeRefused(ILogger logger, string filter, SmartSensors.Mqtt.MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 6315, Level = LogLevel.Error, Message = "Alerts periodic evaluation failed")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6316, Level = LogLevel.Warning, Message = "The broker refused the alerts subscription to {Filter} ({ReasonCode}): messages it drops will not raise broker-dropped alerts; allow this account to read it, or set Alerts:DeviceHealth:BrokerDrops to false")]
    public static partial void BrokerDropsRefused(ILogger logger, string filter, SmartSensors.Mqtt.MqttReasonCode reasonCode);
}
