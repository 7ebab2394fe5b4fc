namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>
/// Re-checks a condition that has no event to await — the state of another process, such as what InfluxDB holds or
/// what a child process's readiness endpoint says — every 250 ms until it holds, failing after the timeout.
/// </summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds} s: {describe()}");
            }
        }
    }
}
