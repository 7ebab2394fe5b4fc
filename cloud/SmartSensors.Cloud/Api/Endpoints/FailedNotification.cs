namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>A notification that ran out of retries.</summary>
internal sealed record FailedNotification(string Key, string Channel, string Audience, int Attempts, DateTimeOffset? FailedAt, string? LastError);
