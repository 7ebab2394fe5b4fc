using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;
using SmartSensors.Cloud.Alerts.Store;

namespace SmartSensors.Cloud.Alerts.Channels.Notify;

/// <summary>
/// GOV.UK Notify SMS or e-mail through the GovukNotify client (6.0.0) against <see cref="NotifyOptions.BaseUrl"/>.
/// The idempotency key is sent as Notify's <c>reference</c>. Notify answers 429 on rate limits and 5xx on its own
/// trouble (retried); 400 and 403 (bad number, bad template, bad key) are refused for good.
/// </summary>
internal sealed partial class NotifyChannel : IAlertChannel
{
    private readonly NotifyOptions _options;
    private readonly NotificationClient? _client;

    public NotifyChannel(string name, IOptions<NotifyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options.Value;
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            _client = new NotificationClient(_options.BaseUrl.AbsoluteUri, _options.ApiKey);
        }
    }

    public string Name { get; }

    public async Task<DeliveryResult> SendAsync(OutboxItem item, AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(notification);
        if (_client is null)
        {
            return DeliveryResult.Reject("Alerts:Notify:ApiKey is not set");
        }

        var personalisation = Personalise(notification);
        try
        {
            var send = Name == ChannelNames.Sms
                ? (Task)_client.SendSmsAsync(item.Entry.Target, _options.SmsTemplateId, personalisation, item.Entry.Key)
                : _client.SendEmailAsync(item.Entry.Target, _options.EmailTemplateId, personalisation, item.Entry.Key);
            await send.WaitAsync(_options.Timeout, cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (NotifyClientException ex)
        {
            var status = StatusCode().Match(ex.Message) is { Success: true } m ? int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
            var reason = $"Notify: {Cut(ex.Message)}";
            return status is 429 or >= 500 or 0 ? DeliveryResult.Retry(reason) : DeliveryResult.Reject(reason);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Retry($"Notify: {ex.Message}");
        }
        catch (TimeoutException)
        {
            return DeliveryResult.Retry($"Notify: no answer within {_options.Timeout}");
        }
    }

    /// <summary>The template personalisation: title, message, site, severity, event.</summary>
    public static Dictionary<string, dynamic> Personalise(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Alert is { } alert)
        {
            var prefix = notification.Event switch
            {
                "alert.resolved" => "Resolved: ",
                "alert.renotified" => "Reminder: ",
                "alert.updated" => "Update: ",
                _ => "",
            };
            return new Dictionary<string, dynamic>(StringComparer.Ordinal)
            {
                ["title"] = prefix + alert.Title,
                ["message"] = alert.Message,
                ["site"] = alert.Site,
                ["severity"] = alert.Severity,
                ["event"] = notification.Event,
            };
        }

        var round = notification.Round;
        var text = new StringBuilder();
        if (round is not null)
        {
            foreach (var site in round.Sites)
            {
                text.Append(CultureInfo.InvariantCulture, $"{site.Site}: ");
                text.AppendJoin(", ", site.Beds.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Sensor} {b.Moisture:0} %")));
                text.Append('\n');
            }
        }

        return new Dictionary<string, dynamic>(StringComparer.Ordinal)
        {
            ["title"] = round is null ? "Watering round" : string.Create(CultureInfo.InvariantCulture, $"Watering round: {round.BedCount} bed(s)"),
            ["message"] = text.Length == 0 ? "No beds need water." : text.ToString().TrimEnd(),
            ["site"] = round is null ? "" : string.Join(", ", round.Sites.Select(s => s.Site)),
            ["severity"] = "minor",
            ["event"] = notification.Event,
        };
    }

    private static string Cut(string text) => text.Length > 500 ? text[..500] : text;

    [GeneratedRegex(@"Status code (\d{3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StatusCode();
}
