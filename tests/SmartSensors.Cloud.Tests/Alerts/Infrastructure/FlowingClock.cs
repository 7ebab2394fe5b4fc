namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>A clock that runs at real speed from a start the test chooses, and that the test can move forward
/// (so retries and timers keep working while a test jumps over hours).</summary>
internal sealed class FlowingClock(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _realStart = DateTimeOffset.UtcNow;
    private long _offsetTicks = (start - DateTimeOffset.UtcNow).Ticks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override string ToString() => $"FlowingClock(started {_realStart:O})";
}
