using System.Collections.Frozen;

namespace SmartSensors.Cloud.Alerts.AirQuality;

/// <summary>
/// The UK Daily Air Quality Index (DEFRA UK-AIR, "Daily Air Quality Index"): each pollutant's concentration
/// (µg/m³, averaged over its own period and rounded to a whole number) is banded against the upper bound of
/// indices 1–9; anything above the index-9 bound is index 10. The overall index is the highest sub-index.
/// Bounds as in shared/DOMAIN.md §1 (SO2, O3 and PM bounds marked "check" there were cross-checked against
/// public implementations of the DEFRA table).
/// </summary>
internal static class Daqi
{
    private static readonly FrozenDictionary<Pollutant, int[]> UpperBounds = new Dictionary<Pollutant, int[]>
    {
        [Pollutant.No2] = [67, 134, 200, 267, 334, 400, 467, 534, 600],
        [Pollutant.So2] = [88, 177, 266, 354, 443, 532, 710, 887, 1064],
        [Pollutant.O3] = [33, 66, 100, 120, 140, 160, 187, 213, 240],
        [Pollutant.Pm25] = [11, 23, 35, 41, 47, 53, 58, 64, 70],
        [Pollutant.Pm10] = [16, 33, 50, 58, 66, 75, 83, 91, 100],
    }.ToFrozenDictionary();

    /// <summary>The averaging period DEFRA uses for <paramref name="pollutant"/>.</summary>
    public static TimeSpan AveragingPeriod(Pollutant pollutant) => pollutant switch
    {
        Pollutant.No2 => TimeSpan.FromHours(1),
        Pollutant.So2 => TimeSpan.FromMinutes(15),
        Pollutant.O3 => TimeSpan.FromHours(8),
        Pollutant.Pm25 or Pollutant.Pm10 => TimeSpan.FromHours(24),
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "not a DAQI pollutant"),
    };

    /// <summary>The sub-index (1–10) of a mean concentration in µg/m³.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not a finite number: there is no index for it.</exception>
    public static int Index(Pollutant pollutant, double meanConcentration)
    {
        if (!double.IsFinite(meanConcentration) || meanConcentration < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(meanConcentration), meanConcentration, "a concentration must be a finite, non-negative number");
        }

        var rounded = Math.Round(meanConcentration, MidpointRounding.AwayFromZero);
        var bounds = UpperBounds[pollutant];
        for (var i = 0; i < bounds.Length; i++)
        {
            if (rounded <= bounds[i])
            {
                return i + 1;
            }
        }

        return 10;
    }

    /// <summary>The band of an index 1–10.</summary>
    public static DaqiBand Band(int index) => index switch
    {
        >= 1 and <= 3 => DaqiBand.Low,
        >= 4 and <= 6 => DaqiBand.Moderate,
        >= 7 and <= 9 => DaqiBand.High,
        10 => DaqiBand.VeryHigh,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "the DAQI runs from 1 to 10"),
    };
}
