namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>
/// What every channel delivers: the idempotency key, what happened (<c>alert.raised</c>, <c>alert.updated</c>,
/// <c>alert.acknowledged</c>, <c>alert.resolved</c>, <c>alert.renotified</c>, <c>watering.round</c>), the audience,
/// and the alert or the round. Webhooks and MQTT carry it as JSON; Notify renders it into template personalisation.
/// </summary>
internal sealed record AlertNotification(
    string Key,
    string Event,
    string Audience,
    DateTimeOffset CreatedAt,
    AlertMessage? Alert,
    WateringRoundMessage? Round);
