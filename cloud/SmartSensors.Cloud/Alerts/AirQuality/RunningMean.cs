namespace SmartSensors.Cloud.Alerts.AirQuality;

/// <summary>
/// A running mean over a fixed window with a data-capture rule. The window is cut into equal slots (24 for
/// a 24-hour mean, i.e. hourly slots; 8 for 8 hours; 4 for one hour; 3 for 15 minutes); each slot's mean is
/// the mean of the readings in it, and the window's mean is the mean of the slots that have data. The window
/// is the <c>slots</c> slots ending with the one that holds "now" (so the newest, partly filled slot counts). With fewer
/// than <see cref="MinimumCapture"/> of the slots holding data the mean is "insufficient data" (null): DEFRA
/// asks for 75 % (e.g. 18 of 24 hourly values), and a made-up index is worse than none.
/// </summary>
internal sealed class RunningMean
{
    /// <summary>The fraction of slots that must hold data.</summary>
    public const double MinimumCapture = 0.75;

    private readonly TimeSpan _slotLength;
    private readonly int _slotCount;
    private readonly double[] _sums;
    private readonly int[] _counts;
    private readonly long[] _slotIds;

    /// <summary>Creates a running mean over <paramref name="window"/> cut into <paramref name="slots"/> slots.</summary>
    public RunningMean(TimeSpan window, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Window = window;
        _slotCount = slots;
        _slotLength = window / slots;
        _sums = new double[slots];
        _counts = new int[slots];
        _slotIds = new long[slots];
        Array.Fill(_slotIds, long.MinValue);
    }

    /// <summary>The averaging window.</summary>
    public TimeSpan Window { get; }

    /// <summary>A running mean sized for a DAQI pollutant's averaging period.</summary>
    public static RunningMean For(Pollutant pollutant)
    {
        var period = Daqi.AveragingPeriod(pollutant);
        var slots = pollutant switch
        {
            Pollutant.Pm25 or Pollutant.Pm10 => 24,
            Pollutant.O3 => 8,
            Pollutant.No2 => 4,
            _ => 3,
        };
        return new RunningMean(period, slots);
    }

    /// <summary>Adds a reading taken at <paramref name="time"/>. Readings older than the window are ignored.</summary>
    public void Add(DateTimeOffset time, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        var id = SlotId(time);
        var index = (int)(((id % _slotCount) + _slotCount) % _slotCount);
        if (_slotIds[index] > id)
        {
            return; // older than what this slot now holds: outside the window
        }

        if (_slotIds[index] != id)
        {
            _slotIds[index] = id;
            _sums[index] = 0;
            _counts[index] = 0;
        }

        _sums[index] += value;
        _counts[index]++;
    }

    /// <summary>The mean over the window ending at <paramref name="now"/>, or null for insufficient data.</summary>
    public double? Mean(DateTimeOffset now)
    {
        var current = SlotId(now);
        var oldest = current - _slotCount + 1;
        var filled = 0;
        var total = 0.0;
        for (var i = 0; i < _slotCount; i++)
        {
            if (_counts[i] > 0 && _slotIds[i] >= oldest && _slotIds[i] <= current)
            {
                filled++;
                total += _sums[i] / _counts[i];
            }
        }

        return filled >= Math.Ceiling(MinimumCapture * _slotCount) ? total / filled : null;
    }

    /// <summary>The slots, for saving the mean across a restart (alerts rule-engine snapshot).</summary>
    public RunningMeanState Export() => new([.. _slotIds], [.. _sums], [.. _counts]);

    /// <summary>Restores slots saved by <see cref="Export"/>; false (and unchanged) when they do not fit this window.</summary>
    public bool Import(RunningMeanState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.SlotIds.Count != _slotCount || state.Sums.Count != _slotCount || state.Counts.Count != _slotCount
            || state.Counts.Any(c => c < 0) || state.Sums.Any(v => !double.IsFinite(v)))
        {
            return false;
        }

        for (var i = 0; i < _slotCount; i++)
        {
            _slotIds[i] = state.SlotIds[i];
            _sums[i] = state.Sums[i];
            _counts[i] = state.Counts[i];
        }

        return true;
    }

    private long SlotId(DateTimeOffset time) => time.UtcTicks / _slotLength.Ticks;
}
