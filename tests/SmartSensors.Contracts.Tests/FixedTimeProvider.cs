namespace SmartSensors.Contracts.Tests;

/// <summary>A clock that always says the same instant, for the future/age checks.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
