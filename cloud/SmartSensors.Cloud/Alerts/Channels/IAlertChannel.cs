using SmartSensors.Cloud.Alerts.Store;

namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>One way of telling people: webhook, GOV.UK Notify SMS or e-mail, MQTT. The dispatcher hands it each
/// outbox item for its <see cref="Name"/>; it must not throw for a delivery failure, only report it.</summary>
internal interface IAlertChannel
{
    /// <summary>The outbox channel name it serves (<see cref="ChannelNames"/>).</summary>
    string Name { get; }

    /// <summary>Delivers one notification.</summary>
    Task<DeliveryResult> SendAsync(OutboxItem item, AlertNotification notification, CancellationToken cancellationToken);
}
