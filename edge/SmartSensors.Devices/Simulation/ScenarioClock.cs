namespace SmartSensors.Devices.Simulation;

/// <summary>
/// Scenario time = start + (clock elapsed) × speed-up, from an injectable <see cref="TimeProvider"/>. With
/// <see cref="CatchUp"/>, scenario time never passes the clock's present: a start in the past is replayed fast until
/// it reaches the present, and from then on scenario time is the clock's time.
/// </summary>
public sealed class ScenarioClock
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    public ScenarioClock(TimeProvider timeProvider, DateTimeOffset? start = null, double speedUp = 1.0, bool catchUp = false)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(speedUp, 0);
        _time = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();
        Start = start ?? timeProvider.GetUtcNow();
        SpeedUp = speedUp;
        CatchUp = catchUp;
    }

    public DateTimeOffset Start { get; }

    public double SpeedUp { get; }

    /// <summary>Whether scenario time never runs past the clock's present (see <see cref="SimulationOptions.CatchUp"/>).</summary>
    public bool CatchUp { get; }

    public TimeProvider TimeProvider => _time;

    public DateTimeOffset Now
    {
        get
        {
            var scenario = Start + (_time.GetElapsedTime(_startTimestamp) * SpeedUp);
            if (CatchUp && _time.GetUtcNow() is var present && scenario > present)
            {
                return present;
            }

            return scenario;
        }
    }
}
