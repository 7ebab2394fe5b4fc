namespace SmartSensors.Devices.Simulation;

/// <summary>Scenario time = start + (clock elapsed) × speed-up, from an injectable <see cref="TimeProvider"/>.</summary>
public sealed class ScenarioClock
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    public ScenarioClock(TimeProvider timeProvider, DateTimeOffset? start = null, double speedUp = 1.0)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(speedUp, 0);
        _time = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();
        Start = start ?? timeProvider.GetUtcNow();
        SpeedUp = speedUp;
    }

    public DateTimeOffset Start { get; }

    public double SpeedUp { get; }

    public TimeProvider TimeProvider => _time;

    public DateTimeOffset Now => Start + (_time.GetElapsedTime(_startTimestamp) * SpeedUp);
}
