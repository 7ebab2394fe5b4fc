namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>A wall clock the test sets (timers and timestamps stay real).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
