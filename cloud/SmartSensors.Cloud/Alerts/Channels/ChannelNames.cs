namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>The delivery channels (outbox <c>channel</c> column).</summary>
internal static class ChannelNames
{
    public const string Webhook = "webhook";
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Mqtt = "mqtt";
}
