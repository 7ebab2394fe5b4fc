namespace SmartSensors.Edge.Outbox;

/// <summary>What one <see cref="SqliteOutbox.Append"/> did: readings committed and older readings evicted to make room.</summary>
internal readonly record struct AppendResult(int Appended, long EvictedForSpace, long EvictedForAge);
