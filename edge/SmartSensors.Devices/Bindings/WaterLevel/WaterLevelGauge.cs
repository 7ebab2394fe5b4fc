namespace SmartSensors.Devices.Bindings.WaterLevel;

/// <summary>
/// River / water level from an ultrasonic ranger looking down: level = datum − distance, where the distance is the
/// median of several readings taken a little apart (FloodNet: 5 readings 150 ms apart), so a wave, a bird or a
/// spurious echo does not make a sample.
/// </summary>
public sealed class WaterLevelGauge
{
    private readonly UltrasonicRanger _ranger;
    private readonly TimeProvider _time;

    public WaterLevelGauge(UltrasonicRanger ranger, double datumMm, int medianOf, TimeSpan spacing, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(ranger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(datumMm, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(medianOf, 1);
        _ranger = ranger;
        DatumMm = datumMm;
        MedianOf = medianOf;
        Spacing = spacing;
        _time = timeProvider ?? TimeProvider.System;
    }

    public double DatumMm { get; }

    public int MedianOf { get; }

    public TimeSpan Spacing { get; }

    /// <summary>Median of <see cref="MedianOf"/> readings; <paramref name="timeout"/> applies to each reading.</summary>
    public async ValueTask<(double LevelMetres, double DistanceMm)> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var readings = new int[MedianOf];
        for (var i = 0; i < readings.Length; i++)
        {
            if (i > 0 && Spacing > TimeSpan.Zero)
            {
                await Task.Delay(Spacing, _time, cancellationToken).ConfigureAwait(false);
            }

            readings[i] = await _ranger.ReadDistanceAsync(timeout, cancellationToken).ConfigureAwait(false);
        }

        var distance = Median(readings);
        return ((DatumMm - distance) / 1000.0, distance);
    }

    /// <summary>Median (mean of the middle two for an even count).</summary>
    public static double Median(ReadOnlySpan<int> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Median of no values.", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
