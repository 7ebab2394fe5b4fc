namespace SmartSensors.Cloud.Hosting;

/// <summary>
/// The loop each MQTT-driven role runs: one connection's work until it fails with a transient error, then a pause
/// and a fresh start, until the host stops. Errors that are not transient end the service as before.
/// </summary>
internal static class RestartingLoop
{
    /// <param name="run">One connection's work (connect, subscribe, consume) until it fails or the host stops.</param>
    /// <param name="isTransient">Which failures are worth a fresh start.</param>
    /// <param name="onFailure">Logs a failure and the pause before the next start.</param>
    /// <param name="delay">The pause before a fresh start.</param>
    /// <param name="clock">The time provider the pause runs on.</param>
    /// <param name="stoppingToken">The host's stopping token.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task> run,
        Func<Exception, bool> isTransient,
        Action<Exception, TimeSpan> onFailure,
        TimeSpan delay,
        TimeProvider clock,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await run(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (isTransient(ex))
            {
                onFailure(ex, delay);
                await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
