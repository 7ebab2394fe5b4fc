namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>A <see cref="LevelDetector"/>'s state, saved across restarts.</summary>
internal sealed record DetectorState(int Level, DateTimeOffset? PendingSince, DateTimeOffset? LastAt, double? LastValue);
