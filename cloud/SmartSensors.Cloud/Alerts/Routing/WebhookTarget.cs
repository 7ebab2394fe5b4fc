namespace SmartSensors.Cloud.Alerts.Routing;

/// <summary>One webhook receiver: where to POST, and the shared secret the body is signed with (HMAC-SHA256).</summary>
internal sealed class WebhookTarget
{
    public Uri? Url { get; set; }

    /// <summary>The signing secret (at least 16 characters). Kept in configuration only, never in the outbox.</summary>
    public string Secret { get; set; } = "";
}
