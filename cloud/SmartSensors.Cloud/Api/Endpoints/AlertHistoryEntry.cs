namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>One event in an alert's life.</summary>
internal sealed record AlertHistoryEntry(int Version, string Event, DateTimeOffset At, string Severity, string Message, string? Actor);
