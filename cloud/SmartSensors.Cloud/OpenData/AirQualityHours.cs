using SmartSensors.Cloud.Alerts.AirQuality;
using SmartSensors.Cloud.Alerts.Rules;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Turns one station's 15-minute sums and counts into hourly rows with the UK Daily Air Quality Index (DEFRA, see
/// shared/DOMAIN.md §1 and <see cref="Daqi"/>). The hourly mean of a pollutant is the mean of its readings in the hour.
/// Each sub-index uses DEFRA's own averaging: NO2 the hourly mean; O3 the running 8-hour mean of hourly means (at least
/// 6 of 8 hours); PM2.5 and PM10 the running 24-hour mean (at least 18 of 24 hours, the 75 % data-capture rule); SO2
/// the highest 15-minute mean in the hour. The index is the highest sub-index; with no sub-index there is none
/// ("insufficient data"), never a made-up one. Pure.
/// </summary>
internal static class AirQualityHours
{
    /// <summary>How far before the first hour samples are needed (the 24-hour running means).</summary>
    public static readonly TimeSpan History = TimeSpan.FromHours(23);

    private static readonly Pollutant[] Order = [Pollutant.Pm25, Pollutant.Pm10, Pollutant.No2, Pollutant.O3, Pollutant.So2];

    /// <summary>The rows of the hours in [<paramref name="from"/>, <paramref name="to"/>) that hold any reading.</summary>
    public static IReadOnlyList<AirQualityRow> Rows(IEnumerable<QuarterSample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var hour = TimeSpan.TicksPerHour;
        var sums = new Dictionary<(Pollutant, long), (double Sum, long Count)>();
        var so2Peak = new Dictionary<long, double>();
        foreach (var s in samples)
        {
            if (s.Count <= 0 || !double.IsFinite(s.Sum))
            {
                continue;
            }

            var h = s.Start.UtcTicks / hour;
            var key = (s.Pollutant, h);
            sums[key] = sums.TryGetValue(key, out var acc) ? (acc.Sum + s.Sum, acc.Count + s.Count) : (s.Sum, s.Count);
            if (s.Pollutant == Pollutant.So2)
            {
                var mean = s.Sum / s.Count;
                so2Peak[h] = so2Peak.TryGetValue(h, out var peak) ? Math.Max(peak, mean) : mean;
            }
        }

        double? Mean(Pollutant p, long h) => sums.TryGetValue((p, h), out var acc) ? acc.Sum / acc.Count : null;

        double? Running(Pollutant p, long h, int hours, int needed)
        {
            var total = 0.0;
            var n = 0;
            for (var i = h - hours + 1; i <= h; i++)
            {
                if (Mean(p, i) is { } m)
                {
                    total += m;
                    n++;
                }
            }

            return n >= needed ? total / n : null;
        }

        var rows = new List<AirQualityRow>();
        for (var h = from.UtcTicks / hour; h * hour < to.UtcTicks; h++)
        {
            var means = Order.Select(p => Mean(p, h)).ToArray();
            if (means.All(m => m is null))
            {
                continue;
            }

            int? index = null;
            Pollutant? by = null;
            foreach (var p in Order)
            {
                var averaged = p switch
                {
                    Pollutant.No2 => Mean(p, h),
                    Pollutant.O3 => Running(p, h, 8, 6),
                    Pollutant.So2 => so2Peak.TryGetValue(h, out var peak) ? peak : null,
                    _ => Running(p, h, 24, 18),
                };
                if (averaged is { } a && a >= 0 && Daqi.Index(p, a) is var sub && (index is null || sub > index))
                {
                    index = sub;
                    by = p;
                }
            }

            rows.Add(new AirQualityRow(
                new DateTimeOffset(h * hour, TimeSpan.Zero),
                Round(means[0]), Round(means[1]), Round(means[2]), Round(means[3]), Round(means[4]),
                index,
                index is { } i ? RuleEngine.BandName(Daqi.Band(i)) : null,
                by is { } b ? Field(b) : null));
        }

        return rows;
    }

    /// <summary>The field name of a pollutant (as in the Quantities catalogue).</summary>
    public static string Field(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 => "pm2_5",
        Pollutant.Pm10 => "pm10",
        Pollutant.No2 => "no2",
        Pollutant.O3 => "o3",
        _ => "so2",
    };

    /// <summary>All DAQI pollutants, in column order.</summary>
    public static IReadOnlyList<Pollutant> Pollutants => Order;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
