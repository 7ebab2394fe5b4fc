namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>A value at a time (snapshot form of the engine's small histories).</summary>
internal sealed record TimedValue(DateTimeOffset At, double Value);
