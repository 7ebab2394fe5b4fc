using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Channels.Webhook;

/// <summary>Webhook delivery (section <c>Alerts:Webhook</c>); the receivers themselves are set per audience.</summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "Alerts:Webhook";

    /// <summary>Time allowed for one POST.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Alerts:Webhook:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
