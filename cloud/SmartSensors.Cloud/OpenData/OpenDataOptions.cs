using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// The open data under <c>/open/v1</c> (configuration section <c>OpenData</c>): publisher and licence metadata, the
/// published stations, the bounds on what one request may ask for, caching, and who may read the CAP feed.
/// See docs/open-data.md.
/// </summary>
internal sealed partial class OpenDataOptions : IValidatableObject
{
    public const string SectionName = "OpenData";

    /// <summary>Most stations that may be configured (each request's InfluxDB query names its stations).</summary>
    public const int MaxStations = 500;

    /// <summary>The smallest footfall window ever published: 15 minutes (shared/DOMAIN.md §6). Not configurable downwards.</summary>
    public static readonly TimeSpan FootfallMinimumWindow = TimeSpan.FromMinutes(15);

    /// <summary>Who publishes the data (the council).</summary>
    [Required(ErrorMessage = "OpenData:Publisher is required (the council publishing the data).")]
    [MinLength(1, ErrorMessage = "OpenData:Publisher is required (the council publishing the data).")]
    public string Publisher { get; set; } = "SmartSensors";

    /// <summary>The publisher's web site (optional).</summary>
    public Uri? PublisherUrl { get; set; }

    /// <summary>Where to ask about the data (an e-mail address or URL; optional).</summary>
    public string? Contact { get; set; }

    /// <summary>The licence (Open Government Licence v3.0 by default).</summary>
    public OpenDataLicence Licence { get; set; } = new();

    /// <summary>The published stations; sensors not listed are not published.</summary>
    public IList<OpenDataStation> Stations { get; } = [];

    /// <summary>The longest time range one request may cover.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "366.00:00:00", ErrorMessage = "OpenData:MaxRange must be between 1 hour and 366 days.")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(31);

    /// <summary>The most rows one response may hold (stations × windows); larger requests are refused.</summary>
    [Range(1, 1_000_000, ErrorMessage = "OpenData:MaxRows must be between 1 and 1,000,000.")]
    public int MaxRows { get; set; } = 50_000;

    /// <summary>How long clients and caches may reuse a response (<c>Cache-Control: max-age</c>), and how long the
    /// server keeps a rendered response in memory.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "OpenData:CacheDuration must be between 0 and 1 day.")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most bytes of rendered responses kept in memory.</summary>
    [Range(0, 1L << 32, ErrorMessage = "OpenData:CacheSizeBytes must be between 0 and 4 GiB.")]
    public long CacheSizeBytes { get; set; } = 64L << 20;

    /// <summary>Whether <c>/alerts/cap.atom</c> and <c>/alerts/{id}/cap</c> are public or for staff only.</summary>
    [EnumDataType(typeof(CapFeedAccess), ErrorMessage = "OpenData:CapFeed must be Public or Restricted.")]
    public CapFeedAccess CapFeed { get; set; } = CapFeedAccess.Public;

    /// <summary>The stations of one kind, in configuration order.</summary>
    public IEnumerable<OpenDataStation> StationsOf(string kind) =>
        Stations.Where(s => string.Equals(s.Kind, kind, StringComparison.Ordinal));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Licence is null || string.IsNullOrWhiteSpace(Licence.Name))
        {
            yield return new ValidationResult("OpenData:Licence:Name is required (e.g. Open Government Licence v3.0).", [nameof(Licence)]);
        }

        if (Licence?.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("OpenData:Licence:Url must be an absolute http(s) address of the licence text.", [nameof(Licence)]);
        }

        if (Licence is null || string.IsNullOrWhiteSpace(Licence.Attribution))
        {
            yield return new ValidationResult("OpenData:Licence:Attribution is required (the statement re-users must include).", [nameof(Licence)]);
        }

        if (PublisherUrl is { } publisherUrl && (!publisherUrl.IsAbsoluteUri || (publisherUrl.Scheme != Uri.UriSchemeHttps && publisherUrl.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("OpenData:PublisherUrl must be an absolute http(s) address.", [nameof(PublisherUrl)]);
        }

        if (Stations.Count > MaxStations)
        {
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"OpenData:Stations lists {Stations.Count} stations; at most {MaxStations} are allowed."), [nameof(Stations)]);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<(string, string, string, string)>();
        for (var i = 0; i < Stations.Count; i++)
        {
            var s = Stations[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"OpenData:Stations:{i}");
            if (s is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(s.Id) || !PublicId().IsMatch(s.Id))
            {
                yield return new ValidationResult($"{at}:Id must be 1-64 lower-case letters, digits or hyphens, starting with a letter or digit.", [nameof(Stations)]);
            }
            else if (!ids.Add(s.Id))
            {
                yield return new ValidationResult($"{at}:Id '{s.Id}' is used by another station.", [nameof(Stations)]);
            }

            if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > 200 || s.Name.Any(char.IsControl))
            {
                yield return new ValidationResult($"{at}:Name is required: 1-200 characters without control characters.", [nameof(Stations)]);
            }

            if (!StationKinds.All.Contains(s.Kind, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"{at}:Kind must be one of {string.Join(", ", StationKinds.All)}.", [nameof(Stations)]);
            }

            if (string.IsNullOrWhiteSpace(s.Site) || string.IsNullOrWhiteSpace(s.Gateway) || string.IsNullOrWhiteSpace(s.Sensor))
            {
                yield return new ValidationResult($"{at}: Site, Gateway and Sensor are required (the internal ids whose readings the station publishes).", [nameof(Stations)]);
            }
            else if (!series.Add((s.Kind, s.Site, s.Gateway, s.Sensor)))
            {
                yield return new ValidationResult($"{at}: another {s.Kind} station already publishes {s.Site}/{s.Gateway}/{s.Sensor}.", [nameof(Stations)]);
            }

            // The public id replaces the internal ones; it must not be one of them (that would publish it).
            if (!string.IsNullOrEmpty(s.Id) && (string.Equals(s.Id, s.Gateway, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Id, s.Sensor, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new ValidationResult($"{at}:Id must not be the gateway or sensor id: public ids are published, internal ids are not.", [nameof(Stations)]);
            }

            if (s.Latitude is { } lat && (!double.IsFinite(lat) || lat < -90 || lat > 90))
            {
                yield return new ValidationResult($"{at}:Latitude must be between -90 and 90.", [nameof(Stations)]);
            }

            if (s.Longitude is { } lon && (!double.IsFinite(lon) || lon < -180 || lon > 180))
            {
                yield return new ValidationResult($"{at}:Longitude must be between -180 and 180.", [nameof(Stations)]);
            }

            if (s.Latitude.HasValue != s.Longitude.HasValue)
            {
                yield return new ValidationResult($"{at}: give both Latitude and Longitude, or neither.", [nameof(Stations)]);
            }

            var levels = new[] { s.AlertLevel, s.WarningLevel, s.SevereLevel };
            if (levels.Any(l => l.HasValue))
            {
                if (!string.Equals(s.Kind, StationKinds.RiverLevel, StringComparison.Ordinal))
                {
                    yield return new ValidationResult($"{at}: AlertLevel, WarningLevel and SevereLevel apply to river-level stations only.", [nameof(Stations)]);
                }
                else if (levels.Any(l => l is not { } v || !double.IsFinite(v)) || !(s.AlertLevel < s.WarningLevel && s.WarningLevel < s.SevereLevel))
                {
                    yield return new ValidationResult($"{at}: give all of AlertLevel < WarningLevel < SevereLevel (metres above datum), or none (then Alerts:Flood is used).", [nameof(Stations)]);
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PublicId();
}
