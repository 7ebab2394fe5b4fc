using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Reads and checks the query parameters of a dataset request: <c>station</c> (comma-separated public ids),
/// <c>from</c>/<c>to</c> (ISO 8601; default the last 24 hours), <c>window</c> (river levels and footfall) and
/// <c>format</c> (<c>json</c> or <c>csv</c>). Anything else, repeated parameters, unknown stations, ranges that are too long,
/// too old or in the future, footfall windows under 15 minutes and answers over <see cref="OpenDataOptions.MaxRows"/>
/// rows are refused with a message naming the parameter. The range is widened to whole windows, so every published
/// aggregate covers a full window (a footfall window can never be narrowed below 15 minutes with from/to).
/// </summary>
internal static partial class OpenDataParameters
{
    public const string Station = "station";
    public const string From = "from";
    public const string To = "to";
    public const string Window = "window";
    public const string Format = "format";

    /// <summary>The earliest time that may be asked for.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past now <c>to</c> may be.</summary>
    public static readonly TimeSpan FutureAllowance = TimeSpan.FromDays(1);

    private static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);
    private const int MaxValueLength = 100;
    private const int MaxStationListLength = 4000;

    /// <summary>Parses the request for a <paramref name="kind"/> dataset; null and a problem when it is refused.</summary>
    public static OpenDataRequest? Parse(string kind, IQueryCollection query, bool csvSuffix, OpenDataOptions options, DateTimeOffset now, out ParameterProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var hasWindow = kind is not StationKinds.AirQuality;
        foreach (var (key, values) in query)
        {
            var known = key is Station or From or To or Format || (hasWindow && key == Window);
            if (!known)
            {
                problem = new(Printable(key), $"Unknown parameter '{Printable(key)}'. This dataset takes {(hasWindow ? "station, from, to, window and format" : "station, from, to and format")}.");
                return null;
            }

            if (values.Count > 1)
            {
                problem = new(key, $"The parameter '{key}' is given {values.Count} times; give it once.");
                return null;
            }

            var limit = key == Station ? MaxStationListLength : MaxValueLength;
            if ((values[0]?.Length ?? 0) > limit)
            {
                problem = new(key, string.Create(CultureInfo.InvariantCulture, $"The parameter '{key}' is longer than {limit} characters."));
                return null;
            }
        }

        var csv = csvSuffix;
        if (Value(query, Format) is { } format)
        {
            var wantsCsv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
            if (!wantsCsv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                problem = new(Format, "The parameter 'format' must be json or csv.");
                return null;
            }

            if (csvSuffix && !wantsCsv)
            {
                problem = new(Format, "The parameter 'format' says json but the address ends in .csv.");
                return null;
            }

            csv = wantsCsv;
        }

        var stations = Stations(kind, Value(query, Station), options, out problem);
        if (stations is null)
        {
            return null;
        }

        var window = WindowOf(kind, Value(query, Window), out problem);
        if (window is not { } w)
        {
            return null;
        }

        var to = now;
        if (Value(query, To) is { } toText && !TryTime(To, toText, out to, out problem))
        {
            return null;
        }

        var from = to - (options.MaxRange < DefaultRange ? options.MaxRange : DefaultRange);
        if (Value(query, From) is { } fromText && !TryTime(From, fromText, out from, out problem))
        {
            return null;
        }

        if (from < Earliest)
        {
            problem = new(From, "The parameter 'from' must not be before 2000-01-01T00:00:00Z.");
            return null;
        }

        if (to > now + FutureAllowance)
        {
            problem = new(To, "The parameter 'to' must not be more than a day in the future.");
            return null;
        }

        if (from >= to)
        {
            problem = new(From, "The parameter 'from' must be before 'to'.");
            return null;
        }

        if (to - from > options.MaxRange)
        {
            problem = new(From, string.Create(CultureInfo.InvariantCulture, $"The range from 'from' to 'to' is longer than the {XmlConvert.ToString(options.MaxRange)} one request may cover; ask for it in parts."));
            return null;
        }

        var request = new OpenDataRequest(kind, stations, Floor(from, w), Ceiling(to, w), w, csv);
        var rows = request.Windows * Math.Max(1, stations.Count);
        if (rows > options.MaxRows)
        {
            problem = new(From, string.Create(CultureInfo.InvariantCulture,
                $"The request could return {rows} rows ({stations.Count} station(s) × {request.Windows} windows); at most {options.MaxRows} are served. Narrow 'from'/'to', name fewer stations with 'station'{(hasWindow ? " or widen 'window'" : string.Empty)}."));
            return null;
        }

        problem = null;
        return request;
    }

    /// <summary>Parses a window: <c>15m</c>, <c>1h</c>, <c>1d</c> or ISO 8601 (<c>PT15M</c>).</summary>
    public static TimeSpan? ParseWindow(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = ShortWindow().Match(text);
        if (match.Success)
        {
            var n = int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            return match.Groups[2].ValueSpan[0] switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }

        if (text.StartsWith('P') && text.Length <= 32)
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return null;
    }

    private static List<OpenDataStation>? Stations(string kind, string? list, OpenDataOptions options, out ParameterProblem? problem)
    {
        problem = null;
        var ofKind = options.StationsOf(kind).ToList();
        if (list is null)
        {
            return ofKind;
        }

        var chosen = new List<OpenDataStation>();
        foreach (var id in list.Split(',', StringSplitOptions.TrimEntries))
        {
            if (id.Length == 0)
            {
                problem = new(Station, "The parameter 'station' holds an empty station id.");
                return null;
            }

            var station = ofKind.Find(s => string.Equals(s.Id, id, StringComparison.Ordinal));
            if (station is null)
            {
                problem = new(Station, $"The parameter 'station' names '{Printable(id)}', which is not a published {kind} station (see /open/v1/stations).");
                return null;
            }

            if (!chosen.Contains(station))
            {
                chosen.Add(station);
            }
        }

        return chosen;
    }

    private static TimeSpan? WindowOf(string kind, string? text, out ParameterProblem? problem)
    {
        problem = null;
        if (kind is StationKinds.AirQuality)
        {
            return TimeSpan.FromHours(1);
        }

        if (text is null)
        {
            return OpenDataOptions.FootfallMinimumWindow;
        }

        if (ParseWindow(text) is not { } window)
        {
            problem = new(Window, "The parameter 'window' must be a duration such as 15m, 1h, 1d or PT15M.");
            return null;
        }

        var minimum = kind is StationKinds.Footfall ? OpenDataOptions.FootfallMinimumWindow : TimeSpan.FromMinutes(1);
        if (window < minimum)
        {
            problem = new(Window, kind is StationKinds.Footfall
                ? "The parameter 'window' must be at least 15 minutes: footfall is published only as counts over 15 minutes or more, so that no one's passing can be singled out."
                : "The parameter 'window' must be at least 1 minute.");
            return null;
        }

        if (window > OneDay || window.Ticks % TimeSpan.TicksPerMinute != 0 || OneDay.Ticks % window.Ticks != 0)
        {
            problem = new(Window, "The parameter 'window' must be whole minutes that divide a day evenly (e.g. 15m, 30m, 1h, 6h, 1d), at most 1 day.");
            return null;
        }

        return window;
    }

    private static bool TryTime(string name, string text, out DateTimeOffset time, out ParameterProblem? problem)
    {
        problem = null;
        time = default;
        var match = IsoTime().Match(text);
        if (match.Success && match.Groups["offset"] is { Success: true, Value: [' ', ..] } offset)
        {
            // An unencoded '+' in a query string arrives as a space: 10:00:00+01:00 → "10:00:00 01:00".
            text = string.Concat(text.AsSpan(0, offset.Index), "+", text.AsSpan(offset.Index + 1));
        }

        if (!match.Success
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            problem = new(name, $"The parameter '{name}' must be an ISO 8601 time such as 2025-06-01T00:00:00Z.");
            return false;
        }

        return true;
    }

    private static string? Value(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan window) =>
        new(time.UtcTicks - (time.UtcTicks % window.Ticks), TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan window)
    {
        var remainder = time.UtcTicks % window.Ticks;
        return new(remainder == 0 ? time.UtcTicks : time.UtcTicks - remainder + window.Ticks, TimeSpan.Zero);
    }

    /// <summary>A parameter name or value fit to quote in a message: at most 40 characters, control characters replaced.</summary>
    private static string Printable(string text)
    {
        var cut = text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
        return string.Create(cut.Length, cut, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(?<offset>Z|[+\- ][0-9]{2}:?[0-9]{2})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    [GeneratedRegex("^([0-9]{1,5})(m|h|d)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShortWindow();
}
