namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>One fault to inject: what it does to which process, and how (injects, waits the drawn downtime, recovers,
/// and returns once the process is ready again).</summary>
/// <param name="Name">For the log, e.g. "SIGKILL gateway fi-gw-1".</param>
/// <param name="InjectAndRecover">Injects the fault, waits the given downtime, recovers and awaits readiness.</param>
/// <param name="Downtime">Longest time the fault lasts before recovery.</param>
internal sealed record Fault(string Name, Func<TimeSpan, CancellationToken, Task> InjectAndRecover, TimeSpan Downtime);
