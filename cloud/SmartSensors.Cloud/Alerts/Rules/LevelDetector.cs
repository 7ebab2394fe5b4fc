namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// Turns a stream of values into a level (0 = clear, 1..n = how many thresholds are breached) without flapping:
/// <list type="bullet">
/// <item>from clear, a breach must be <em>sustained</em> (every value breaching for <c>sustain</c>) before level 1+ is
/// entered — one noisy sample raises nothing;</item>
/// <item>escalation to a higher level is immediate once raised;</item>
/// <item>easing or clearing needs the value back past the threshold by the <em>hysteresis</em> margin — a value
/// flapping around a threshold keeps the level it has.</item>
/// </list>
/// Thresholds are ascending in badness: for a <c>falling</c> detector (soil moisture) a breach is <c>value &lt; t</c>,
/// for a rising one (river level, DAQI index) <c>value ≥ t</c>. Times are capture times; a value older than the last
/// one seen is ignored (outbox replays out of order cannot rewind the state). Pure: no clock, no I/O.
/// </summary>
internal sealed class LevelDetector
{
    private readonly double[] _thresholds;
    private readonly bool _rising;
    private readonly double _hysteresis;
    private readonly TimeSpan _sustain;

    public LevelDetector(IReadOnlyList<double> thresholds, bool rising, double hysteresis, TimeSpan sustain)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Count == 0)
        {
            throw new ArgumentException("a detector needs at least one threshold", nameof(thresholds));
        }

        for (var i = 1; i < thresholds.Count; i++)
        {
            var ordered = rising ? thresholds[i] > thresholds[i - 1] : thresholds[i] < thresholds[i - 1];
            if (!ordered)
            {
                throw new ArgumentException("thresholds must be strictly ordered from least to most severe", nameof(thresholds));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(hysteresis);
        ArgumentOutOfRangeException.ThrowIfLessThan(sustain, TimeSpan.Zero);
        _thresholds = [.. thresholds];
        _rising = rising;
        _hysteresis = hysteresis;
        _sustain = sustain;
    }

    /// <summary>The current level: 0 clear, 1..<c>thresholds.Count</c>.</summary>
    public int Level { get; private set; }

    /// <summary>When the breach that is waiting out the sustain time began (null when none is waiting).</summary>
    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>Capture time of the newest value seen.</summary>
    public DateTimeOffset? LastAt { get; private set; }

    /// <summary>The newest value seen.</summary>
    public double? LastValue { get; private set; }

    /// <summary>Sets the state (after a restart: the level of the open alert, and any pending breach).</summary>
    public void Restore(int level, DateTimeOffset? pendingSince, DateTimeOffset? lastAt, double? lastValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, _thresholds.Length);
        Level = level;
        PendingSince = level == 0 ? pendingSince : null;
        LastAt = lastAt;
        LastValue = lastValue;
    }

    /// <summary>The state to save.</summary>
    public DetectorState Export() => new(Level, PendingSince, LastAt, LastValue);

    /// <summary>Restores a saved state (levels beyond this detector's thresholds are cut to its highest).</summary>
    public void Import(DetectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Restore(Math.Clamp(state.Level, 0, _thresholds.Length), state.PendingSince, state.LastAt, state.LastValue is { } v && double.IsFinite(v) ? v : null);
    }

    /// <summary>Feeds a value captured at <paramref name="at"/>; returns the new level when it changed, else null.</summary>
    public int? Observe(double value, DateTimeOffset at)
    {
        if (!double.IsFinite(value) || (LastAt is { } last && at < last))
        {
            return null;
        }

        LastAt = at;
        LastValue = value;
        var raw = Breached(value, 0);
        if (Level == 0)
        {
            if (raw == 0)
            {
                PendingSince = null;
                return null;
            }

            PendingSince ??= at;
            if (at - PendingSince.Value < _sustain)
            {
                return null;
            }

            PendingSince = null;
            Level = raw;
            return Level;
        }

        if (raw > Level)
        {
            Level = raw;
            return Level;
        }

        var held = Breached(value, _hysteresis);
        if (held < Level)
        {
            Level = held;
            PendingSince = null;
            return Level;
        }

        return null;
    }

    /// <summary>Thresholds breached by <paramref name="value"/> when each is relaxed by <paramref name="margin"/>
    /// towards clear (the margin keeps a raised level until the value is well clear).</summary>
    private int Breached(double value, double margin)
    {
        var count = 0;
        foreach (var threshold in _thresholds)
        {
            var breached = _rising ? value >= threshold - margin : value < threshold + margin;
            if (!breached)
            {
                break;
            }

            count++;
        }

        return count;
    }
}
