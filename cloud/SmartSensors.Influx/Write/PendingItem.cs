namespace SmartSensors.Influx.Write;

/// <summary>An enqueued item: its lines (in a pooled array) and how to report back. A flush request has no lines.</summary>
internal readonly record struct PendingItem(
    byte[]? Rented,
    int Length,
    int LineCount,
    object? State,
    TaskCompletionSource<WriteOutcome>? Completion,
    TaskCompletionSource? FlushCompletion);
