namespace SmartSensors.Edge.Outbox;

/// <summary>A snapshot of the outbox for health readings.</summary>
/// <param name="Depth">Readings waiting (not yet acknowledged by the broker).</param>
/// <param name="Bytes">Bytes those readings count against <c>MaxBytes</c>.</param>
/// <param name="OldestCaptureTime">Capture time of the oldest waiting reading, null when empty.</param>
/// <param name="EvictedTotal">Readings evicted because the outbox was full or too old, over the outbox's whole life (persisted).</param>
internal readonly record struct OutboxStatistics(long Depth, long Bytes, DateTimeOffset? OldestCaptureTime, long EvictedTotal);
