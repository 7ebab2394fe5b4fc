namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>One POST the webhook receiver got.</summary>
internal sealed record ReceivedWebhook(string Body, string IdempotencyKey, string Event, bool SignatureValid);
