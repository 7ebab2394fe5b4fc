using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Alerts.Routing;

/// <summary>
/// An audience (section <c>Alerts:Audiences:{name}</c>, the name a lowercase id used in the MQTT topic
/// <c>ss/v1/alerts/{audience}/{site}</c>): which alerts it hears (categories, sites, minimum severity) and by which
/// channels and recipients.
/// </summary>
internal sealed class AudienceOptions
{
    /// <summary>Categories heard: <c>watering</c>, <c>air-quality</c>, <c>flood</c>, <c>device-health</c>. Required.</summary>
    public IList<string> Categories { get; } = [];

    /// <summary>Sites heard; empty means every site.</summary>
    public IList<string> Sites { get; } = [];

    /// <summary>Least severity heard: minor, moderate, severe or extreme.</summary>
    public string MinimumSeverity { get; set; } = "minor";

    /// <summary>Publish on <c>ss/v1/alerts/{audience}/{site}</c>.</summary>
    public bool Mqtt { get; set; } = true;

    public IList<WebhookTarget> Webhooks { get; } = [];

    /// <summary>Mobile numbers for GOV.UK Notify SMS.</summary>
    public IList<string> Sms { get; } = [];

    /// <summary>E-mail addresses for GOV.UK Notify e-mail.</summary>
    public IList<string> Email { get; } = [];

    /// <summary>Re-notifications (unacknowledged after <c>Alerts:RenotifyAfter</c>) also go to this audience: the
    /// escalation path, e.g. a duty manager.</summary>
    public bool HearsEscalations { get; set; }

    /// <summary>The four audiences of shared/DESIGN.md, MQTT only, used when none are configured.</summary>
    public static IReadOnlyDictionary<string, AudienceOptions> Defaults()
    {
        static AudienceOptions Of(string category)
        {
            var audience = new AudienceOptions();
            audience.Categories.Add(category);
            return audience;
        }

        return new Dictionary<string, AudienceOptions>(StringComparer.Ordinal)
        {
            ["street-operatives"] = Of("watering"),
            ["environment-team"] = Of("air-quality"),
            ["resilience-forum"] = Of("flood"),
            ["operators"] = Of("device-health"),
        };
    }

    /// <summary>The audience's minimum severity (validated).</summary>
    public AlertSeverity Minimum => AlertNames.TryParseSeverity(MinimumSeverity, out var s) ? s.Value : AlertSeverity.Minor;

    /// <summary>Whether the audience hears alerts of <paramref name="category"/> at <paramref name="site"/>.</summary>
    public bool Hears(AlertCategory category, string site) =>
        Categories.Contains(AlertNames.Of(category), StringComparer.Ordinal)
        && (Sites.Count == 0 || Sites.Contains(site, StringComparer.Ordinal));

    /// <summary>What is wrong with this audience's settings (messages name the setting).</summary>
    public IEnumerable<string> Problems(string name)
    {
        var at = $"Alerts:Audiences:{name}";
        if (!Topics.IsValidId(name))
        {
            yield return $"{at}: the audience name must be lowercase [a-z0-9-]{{1,64}} (it is an MQTT topic level).";
        }

        if (Categories.Count == 0)
        {
            yield return $"{at}:Categories is required (watering, air-quality, flood, device-health).";
        }

        foreach (var category in Categories)
        {
            if (!AlertNames.TryParseCategory(category, out _))
            {
                yield return $"{at}:Categories contains '{category}'; the categories are watering, air-quality, flood, device-health.";
            }
        }

        foreach (var site in Sites)
        {
            if (!Topics.IsValidId(site))
            {
                yield return $"{at}:Sites contains '{site}', which is not a site id.";
            }
        }

        if (!AlertNames.TryParseSeverity(MinimumSeverity, out _))
        {
            yield return $"{at}:MinimumSeverity must be minor, moderate, severe or extreme.";
        }

        for (var i = 0; i < Webhooks.Count; i++)
        {
            var hook = Webhooks[i];
            if (hook.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                yield return $"{at}:Webhooks:{i}:Url must be an absolute http(s) URL.";
            }
            else if (!string.IsNullOrEmpty(url.UserInfo))
            {
                yield return $"{at}:Webhooks:{i}:Url must not contain credentials (the body is signed with Secret).";
            }

            if (hook.Secret is not { Length: >= 16 })
            {
                yield return $"{at}:Webhooks:{i}:Secret must be at least 16 characters.";
            }
        }

        foreach (var number in Sms)
        {
            if (string.IsNullOrWhiteSpace(number) || number.Length > 32 || !number.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '(' or ')' or '-'))
            {
                yield return $"{at}:Sms contains '{number}', which is not a phone number.";
            }
        }

        foreach (var address in Email)
        {
            if (string.IsNullOrWhiteSpace(address) || address.Length > 320 || address.IndexOf('@', StringComparison.Ordinal) <= 0)
            {
                yield return $"{at}:Email contains '{address}', which is not an e-mail address.";
            }
        }
    }
}
