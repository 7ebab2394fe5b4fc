namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>Polls a condition on state that raises no event (a file on disk, a database's contents) until it holds or
/// the timeout passes.</summary>
internal static class Poll
{
    /// <summary>True once <paramref name="condition"/> held; false if <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await condition(deadline.Token))
            {
                await Task.Delay(interval, deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
