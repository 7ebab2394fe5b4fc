namespace SmartSensors.Cloud.Alerts.Store;

/// <summary>An outbox row: the entry and its delivery state.</summary>
internal sealed record OutboxItem(
    long Id,
    OutboxEntry Entry,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? FailedAt,
    string? LastError);
