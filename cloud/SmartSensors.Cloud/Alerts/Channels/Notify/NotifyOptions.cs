using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Channels.Notify;

/// <summary>
/// GOV.UK Notify (section <c>Alerts:Notify</c>). Create an SMS and an e-mail template in Notify with the placeholders
/// <c>((title))</c>, <c>((message))</c>, <c>((site))</c>, <c>((severity))</c> and <c>((event))</c>. Without an
/// API key the SMS and e-mail channels refuse every notification (visible as failed in the outbox).
/// </summary>
internal sealed class NotifyOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Notify";

    /// <summary>The Notify API (configurable for a stand-in or a proxy).</summary>
    public Uri BaseUrl { get; set; } = new("https://api.notifications.service.gov.uk/");

    /// <summary>A Notify API key: <c>{key name}-{service id}-{secret}</c>. Keep it out of source (environment or secret store).</summary>
    public string? ApiKey { get; set; }

    public string? SmsTemplateId { get; set; }

    public string? EmailTemplateId { get; set; }

    /// <summary>Time allowed for one request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Alerts:Notify:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not { IsAbsoluteUri: true } || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Alerts:Notify:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }

        if (string.IsNullOrEmpty(ApiKey))
        {
            yield break;
        }

        // {name}-{service id: 36}-{secret: 36}: the client library takes the last 73 characters apart.
        if (ApiKey.Length < 74 || !Guid.TryParse(ApiKey.AsSpan(ApiKey.Length - 73, 36), out _) || !Guid.TryParse(ApiKey.AsSpan(ApiKey.Length - 36), out _))
        {
            yield return new ValidationResult("Alerts:Notify:ApiKey is not a Notify API key ({key name}-{service id}-{secret key}).", [nameof(ApiKey)]);
        }

        if (!Guid.TryParse(SmsTemplateId, out _) || !Guid.TryParse(EmailTemplateId, out _))
        {
            yield return new ValidationResult("Alerts:Notify:SmsTemplateId and Alerts:Notify:EmailTemplateId must be Notify template ids (GUIDs) when an ApiKey is set.", [nameof(SmsTemplateId)]);
        }
    }
}
