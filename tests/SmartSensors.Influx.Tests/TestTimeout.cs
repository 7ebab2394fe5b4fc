namespace SmartSensors.Influx.Tests;

internal static class TestTimeout
{
    /// <summary>Generous bound on every await, so a bug fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static CancellationToken Token() => new CancellationTokenSource(Default).Token;
}
