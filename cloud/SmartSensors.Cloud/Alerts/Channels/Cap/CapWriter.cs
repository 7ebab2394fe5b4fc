using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Rules;

namespace SmartSensors.Cloud.Alerts.Channels.Cap;

/// <summary>
/// Writes alerts as OASIS CAP 1.2 messages and an Atom feed of current alerts. Each alert version is one CAP message
/// (identifier <c>{alert}.{version}</c>): version 1 is msgType Alert, later versions of an open alert Update, the
/// resolution Cancel — each referencing the message before it. Pure: no clock, no I/O.
/// </summary>
internal sealed class CapWriter
{
    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly CapOptions _options;
    private readonly FloodOptions _flood;

    public CapWriter(IOptions<CapOptions> options, IOptions<FloodOptions> flood)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(flood);
        _options = options.Value;
        _flood = flood.Value;
    }

    /// <summary>The CAP identifier of one alert version.</summary>
    public static string Identifier(string alertId, int version) => string.Create(CultureInfo.InvariantCulture, $"{alertId}.{version}");

    /// <summary>CAP date-time: no fractional seconds, explicit offset, UTC as <c>-00:00</c> (CAP 1.2 §3.3.2).</summary>
    public static string Time(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "-00:00";
    }

    /// <summary>The CAP message of the alert's current version. <paramref name="previousSent"/> is when the previous
    /// version was sent (for <c>references</c>); null for version 1.</summary>
    public XElement Message(Alert alert, DateTimeOffset? previousSent)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var msgType = alert.State == AlertState.Resolved ? "Cancel" : alert.Version == 1 ? "Alert" : "Update";
        var message = new XElement(Cap + "alert",
            new XElement(Cap + "identifier", Identifier(alert.Id, alert.Version)),
            new XElement(Cap + "sender", _options.Sender),
            new XElement(Cap + "sent", Time(alert.UpdatedAt)),
            new XElement(Cap + "status", _options.Status),
            new XElement(Cap + "msgType", msgType),
            new XElement(Cap + "scope", "Public"));
        if (alert.Version > 1 && previousSent is { } sent)
        {
            message.Add(new XElement(Cap + "references", $"{_options.Sender},{Identifier(alert.Id, alert.Version - 1)},{Time(sent)}"));
        }

        var resolved = alert.State == AlertState.Resolved;
        var info = new XElement(Cap + "info",
            new XElement(Cap + "language", "en-GB"),
            new XElement(Cap + "category", Category(alert.Category)),
            new XElement(Cap + "event", EventName(alert)),
            new XElement(Cap + "responseType", resolved ? "AllClear" : alert.Severity >= AlertSeverity.Severe ? "Prepare" : "Monitor"),
            new XElement(Cap + "urgency", resolved ? "Past" : alert.Severity >= AlertSeverity.Severe ? "Immediate" : alert.Severity == AlertSeverity.Moderate ? "Expected" : "Future"),
            new XElement(Cap + "severity", alert.Severity switch
            {
                AlertSeverity.Extreme => "Extreme",
                AlertSeverity.Severe => "Severe",
                AlertSeverity.Moderate => "Moderate",
                _ => "Minor",
            }),
            new XElement(Cap + "certainty", "Observed"),
            new XElement(Cap + "effective", Time(alert.RaisedAt)),
            new XElement(Cap + "senderName", _options.SenderName),
            new XElement(Cap + "headline", alert.Title.Length > 160 ? alert.Title[..160] : alert.Title),
            new XElement(Cap + "description", alert.Message),
            Parameter("rule", alert.RuleId),
            Parameter("alertState", AlertNames.Of(alert.State)));
        if (alert.Value is { } value)
        {
            info.Add(Parameter("value", value.ToString("0.###", CultureInfo.InvariantCulture)));
        }

        // The feed can be public: the area is the gauge's public name (or the site), never gateway or sensor ids.
        var station = string.IsNullOrEmpty(alert.Gateway) || string.IsNullOrEmpty(alert.Sensor) ? null : _flood.For(alert.Site, alert.Gateway, alert.Sensor);
        var area = new XElement(Cap + "area", new XElement(Cap + "areaDesc", string.IsNullOrWhiteSpace(station?.Name) ? alert.Site : station.Name));
        if (alert.Latitude is { } lat && alert.Longitude is { } lon)
        {
            // A 100 m circle round the gateway: "lat,lon radius-km" (WGS 84).
            area.Add(new XElement(Cap + "circle", string.Create(CultureInfo.InvariantCulture, $"{lat:0.######},{lon:0.######} 0.1")));
        }

        info.Add(area);
        message.Add(info);
        return message;
    }

    /// <summary>An Atom feed (RFC 4287) with one entry per alert, each carrying its current CAP message inline and
    /// linking to it at <c>{baseUri}alerts/{id}/cap</c>.</summary>
    public XDocument Feed(IReadOnlyList<(Alert Alert, DateTimeOffset? PreviousSent)> alerts, Uri baseUri, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(baseUri);
        var updated = alerts.Count == 0 ? now : alerts.Max(a => a.Alert.UpdatedAt);
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"urn:smartsensors:alerts:{_options.Sender}"),
            new XElement(Atom + "title", $"{_options.SenderName} alerts"),
            new XElement(Atom + "updated", updated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XElement(Atom + "author", new XElement(Atom + "name", _options.SenderName)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", new Uri(baseUri, "alerts/cap.atom").AbsoluteUri)));
        foreach (var (alert, previous) in alerts)
        {
            feed.Add(new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:smartsensors:alert:{Identifier(alert.Id, alert.Version)}"),
                new XElement(Atom + "title", alert.Title),
                new XElement(Atom + "updated", alert.UpdatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "application/cap+xml"), new XAttribute("href", new Uri(baseUri, $"alerts/{alert.Id}/cap").AbsoluteUri)),
                new XElement(Atom + "summary", alert.Message),
                new XElement(Atom + "content", new XAttribute("type", "application/cap+xml"), Message(alert, previous))));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
    }

    /// <summary>Whether the feed publishes <paramref name="category"/> (flood only by default).</summary>
    public bool Publishes(AlertCategory category) =>
        _options.Categories.Count == 0 ? category == AlertCategory.Flood : _options.Categories.Contains(AlertNames.Of(category), StringComparer.Ordinal);

    private static XElement Parameter(string name, string value) =>
        new(Cap + "parameter", new XElement(Cap + "valueName", name), new XElement(Cap + "value", value));

    private static string Category(AlertCategory category) => category switch
    {
        AlertCategory.Flood => "Met",
        AlertCategory.DeviceHealth => "Infra",
        _ => "Env",
    };

    private static string EventName(Alert alert) => alert.RuleId switch
    {
        Rules.RuleIds.FloodLevel => alert.Level switch { 1 => "Flood Alert", 2 => "Flood Warning", _ => "Severe Flood Warning" },
        Rules.RuleIds.FloodRise => "River rising rapidly",
        Rules.RuleIds.FloodSilent => "River level sensor silent",
        Rules.RuleIds.AirQuality => "Air pollution",
        Rules.RuleIds.Watering => "Flowerbed needs watering",
        Rules.RuleIds.OverWatering => "Flowerbed over-watered",
        _ => "Sensor network fault",
    };
}
