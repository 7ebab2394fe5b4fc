namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>Runs one scenario with a deadline, so the process always exits by itself.</summary>
internal static class ScenarioRunner
{
    /// <summary>Longer than any script step (the scripts wait at most 10-15 s per packet, 4 x for the "-len" scripts).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    public static async Task<int> RunAsync(IConformanceScenario scenario, int port)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var context = new ScenarioContext(port);
        try
        {
            var code = await scenario.RunAsync(context, deadline.Token);
            context.Log($"{scenario.Name}: exit code {code}");
            return code;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            context.Log($"{scenario.Name}: did not finish within {Deadline.TotalSeconds:0} s");
            return ExitCodes.Timeout;
        }
        catch (Exception ex)
        {
            context.Log($"{scenario.Name}: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}
