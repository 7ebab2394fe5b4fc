namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>One injected fault, with wall-clock times (to line lost readings' capture times up against the faults).</summary>
/// <param name="Name">What was done, e.g. "SIGKILL mosquitto".</param>
/// <param name="Injected">When the fault began.</param>
/// <param name="Recovered">When the process was ready again.</param>
internal sealed record FaultEvent(string Name, DateTimeOffset Injected, DateTimeOffset Recovered);
