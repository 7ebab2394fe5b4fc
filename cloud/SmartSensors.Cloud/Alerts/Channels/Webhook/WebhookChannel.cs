using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Store;

namespace SmartSensors.Cloud.Alerts.Channels.Webhook;

/// <summary>
/// POSTs the notification JSON to the audience's URL with an HMAC-SHA256 signature and the idempotency key.
/// 2xx delivered; 408, 429 and 5xx (and network errors, timeouts) retried; any other status refused for good.
/// The signing secret is looked up in configuration at send time (it is never written to the outbox).
/// </summary>
internal sealed class WebhookChannel : IAlertChannel
{
    public const string HttpClientName = "alerts-webhook";
    private readonly IHttpClientFactory _httpClients;
    private readonly AlertsOptions _alerts;
    private readonly TimeProvider _clock;

    public WebhookChannel(IHttpClientFactory httpClients, IOptions<AlertsOptions> alerts, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        _httpClients = httpClients;
        _alerts = alerts.Value;
        _clock = clock;
    }

    public string Name => ChannelNames.Webhook;

    public async Task<DeliveryResult> SendAsync(OutboxItem item, AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(notification);
        var entry = item.Entry;
        var secret = _alerts.EffectiveAudiences().TryGetValue(entry.Audience, out var audience)
            ? audience.Webhooks.FirstOrDefault(w => w.Url?.AbsoluteUri == entry.Target)?.Secret
            : null;
        if (string.IsNullOrEmpty(secret))
        {
            return DeliveryResult.Reject($"webhook {entry.Target} is no longer configured for audience {entry.Audience}");
        }

        var body = Encoding.UTF8.GetBytes(entry.Payload);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(entry.Target));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdempotencyHeader, entry.Key);
        request.Headers.Add(WebhookSignature.EventHeader, notification.Event);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        try
        {
            using var response = await _httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered;
            }

            var reason = $"HTTP {status} from {entry.Target}";
            if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500)
            {
                var after = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.RetryAfter?.Date is { } date ? date - _clock.GetUtcNow() : null);
                return DeliveryResult.Retry(reason, after);
            }

            return DeliveryResult.Reject(reason);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Retry($"{entry.Target}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"{entry.Target}: timed out");
        }
    }
}
