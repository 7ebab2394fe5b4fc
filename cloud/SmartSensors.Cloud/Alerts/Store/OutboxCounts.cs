namespace SmartSensors.Cloud.Alerts.Store;

/// <summary>How many notifications are waiting, sent, and given up on (failed after every retry).</summary>
internal sealed record OutboxCounts(long Pending, long Sent, long Failed);
