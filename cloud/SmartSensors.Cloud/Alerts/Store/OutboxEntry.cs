namespace SmartSensors.Cloud.Alerts.Store;

/// <summary>
/// A notification to deliver, committed in the same transaction as the alert change that caused it.
/// <see cref="Key"/> is the idempotency key: unique in the outbox (so a repeated enqueue is a no-op) and sent with the
/// notification (so a receiver can drop a redelivery after a crash between "sent" and "marked sent").
/// </summary>
/// <param name="Key">Idempotency key, e.g. <c>{alert}:{version}:{channel}:{target}</c>.</param>
/// <param name="AlertId">The alert (null for a watering round).</param>
/// <param name="Channel">Channel name (<c>webhook</c>, <c>sms</c>, <c>email</c>, <c>mqtt</c>).</param>
/// <param name="Audience">The audience it was routed to.</param>
/// <param name="Target">Where: URL, phone number, e-mail address or MQTT topic.</param>
/// <param name="Payload">The notification JSON (what the channel sends or renders).</param>
/// <param name="CreatedAt">When it was enqueued.</param>
internal sealed record OutboxEntry(string Key, string? AlertId, string Channel, string Audience, string Target, string Payload, DateTimeOffset CreatedAt);
