using System.Diagnostics.CodeAnalysis;

namespace SmartSensors.Contracts;

/// <summary>
/// Builds and parses the MQTT topics of the wire contract:
/// <c>ss/v1/{site}/{gateway}/readings|status|config</c> and <c>ss/v1/alerts/{audience}/{site}</c>.
/// Every id (site, gateway, sensor, audience, shared-subscription group) is lowercase <c>[a-z0-9-]{1,64}</c>.
/// </summary>
public static class Topics
{
    /// <summary>The first two topic levels.</summary>
    public const string Prefix = "ss/v1";

    /// <summary>Longest id accepted.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest topic <see cref="TryParse"/> looks at (longer topics are refused without scanning).</summary>
    public const int MaxTopicLength = 256;

    private const string AlertsLevel = "alerts";

    /// <summary>True when <paramref name="id"/> is lowercase <c>[a-z0-9-]{1,64}</c>.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) => id is not null && IsValidId(id.AsSpan());

    /// <summary>True when <paramref name="id"/> is lowercase <c>[a-z0-9-]{1,64}</c>.</summary>
    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsIdChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>ss/v1/{site}/{gateway}/readings</c>.</summary>
    /// <exception cref="ArgumentException">An id is not lowercase <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Readings(string site, string gateway) => Gateway(site, gateway, "readings");

    /// <summary><c>ss/v1/{site}/{gateway}/status</c>.</summary>
    /// <exception cref="ArgumentException">An id is not lowercase <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Status(string site, string gateway) => Gateway(site, gateway, "status");

    /// <summary><c>ss/v1/{site}/{gateway}/config</c>.</summary>
    /// <exception cref="ArgumentException">An id is not lowercase <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Config(string site, string gateway) => Gateway(site, gateway, "config");

    /// <summary><c>ss/v1/alerts/{audience}/{site}</c>.</summary>
    /// <exception cref="ArgumentException">An id is not lowercase <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Alerts(string audience, string site)
    {
        RequireId(audience, nameof(audience));
        RequireId(site, nameof(site));
        return $"{Prefix}/{AlertsLevel}/{audience}/{site}";
    }

    /// <summary>
    /// The filter an ingestor subscribes to: <c>ss/v1/+/+/readings</c>, or
    /// <c>$share/{group}/ss/v1/+/+/readings</c> when <paramref name="sharedGroup"/> is given (MQTT 5 shared subscription).
    /// </summary>
    public static string ReadingsSubscription(string? sharedGroup = null) => Share(sharedGroup, $"{Prefix}/+/+/readings");

    /// <summary><c>ss/v1/+/+/status</c> (optionally shared).</summary>
    public static string StatusSubscription(string? sharedGroup = null) => Share(sharedGroup, $"{Prefix}/+/+/status");

    /// <summary>Readings of one site only: <c>ss/v1/{site}/+/readings</c> (the alert role partitions by site).</summary>
    public static string SiteReadingsSubscription(string site, string? sharedGroup = null)
    {
        RequireId(site, nameof(site));
        return Share(sharedGroup, $"{Prefix}/{site}/+/readings");
    }

    /// <summary>Alerts for one audience, every site: <c>ss/v1/alerts/{audience}/+</c>.</summary>
    public static string AlertsSubscription(string audience)
    {
        RequireId(audience, nameof(audience));
        return $"{Prefix}/{AlertsLevel}/{audience}/+";
    }

    /// <summary>
    /// Parses a topic of the contract. On failure <paramref name="reason"/> says why, in a sentence a log reader
    /// understands; it never throws.
    /// </summary>
    public static bool TryParse(string? topic, out TopicAddress address, [NotNullWhen(false)] out string? reason)
    {
        address = default;
        if (string.IsNullOrEmpty(topic))
        {
            reason = "topic is empty";
            return false;
        }

        if (topic.Length > MaxTopicLength)
        {
            reason = $"topic is longer than {MaxTopicLength} characters";
            return false;
        }

        var span = topic.AsSpan();
        Span<Range> levels = stackalloc Range[6];
        var count = span.Split(levels, '/');
        if (count is < 5 or > 5)
        {
            reason = $"topic must have 5 levels (ss/v1/{{site}}/{{gateway}}/{{kind}} or ss/v1/alerts/{{audience}}/{{site}}), found {(count > 5 ? "more" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            return false;
        }

        if (!span[levels[0]].SequenceEqual("ss") || !span[levels[1]].SequenceEqual("v1"))
        {
            reason = "topic does not start with ss/v1/";
            return false;
        }

        var third = span[levels[2]];
        if (third.SequenceEqual(AlertsLevel))
        {
            var audience = span[levels[3]];
            var alertSite = span[levels[4]];
            if (!IsValidId(audience))
            {
                reason = $"audience '{Printable(audience)}' is not lowercase [a-z0-9-]{{1,64}}";
                return false;
            }

            if (!IsValidId(alertSite))
            {
                reason = $"site '{Printable(alertSite)}' is not lowercase [a-z0-9-]{{1,64}}";
                return false;
            }

            address = new TopicAddress(TopicKind.Alerts, alertSite.ToString(), string.Empty, audience.ToString());
            reason = null;
            return true;
        }

        var site = third;
        var gateway = span[levels[3]];
        var kindText = span[levels[4]];
        if (!IsValidId(site))
        {
            reason = $"site '{Printable(site)}' is not lowercase [a-z0-9-]{{1,64}}";
            return false;
        }

        if (!IsValidId(gateway))
        {
            reason = $"gateway '{Printable(gateway)}' is not lowercase [a-z0-9-]{{1,64}}";
            return false;
        }

        TopicKind kind;
        if (kindText.SequenceEqual("readings"))
        {
            kind = TopicKind.Readings;
        }
        else if (kindText.SequenceEqual("status"))
        {
            kind = TopicKind.Status;
        }
        else if (kindText.SequenceEqual("config"))
        {
            kind = TopicKind.Config;
        }
        else
        {
            reason = $"last level '{Printable(kindText)}' is not readings, status or config";
            return false;
        }

        address = new TopicAddress(kind, site.ToString(), gateway.ToString(), string.Empty);
        reason = null;
        return true;
    }

    private static string Gateway(string site, string gateway, string kind)
    {
        RequireId(site, nameof(site));
        RequireId(gateway, nameof(gateway));
        return $"{Prefix}/{site}/{gateway}/{kind}";
    }

    private static string Share(string? group, string filter)
    {
        if (group is null)
        {
            return filter;
        }

        RequireId(group, "sharedGroup");
        return $"$share/{group}/{filter}";
    }

    private static void RequireId(string? id, string parameter)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{parameter}' must be lowercase [a-z0-9-]{{1,64}}, got '{id}'.", parameter);
        }
    }

    private static bool IsIdChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';

    // Keeps hostile topics from putting control characters or megabytes into log lines.
    private static string Printable(ReadOnlySpan<char> text)
    {
        var shown = text.Length > MaxIdLength ? text[..MaxIdLength] : text;
        Span<char> buffer = stackalloc char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            buffer[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        return text.Length > MaxIdLength ? string.Concat(buffer, "...") : buffer.ToString();
    }
}
