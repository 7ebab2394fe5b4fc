namespace SmartSensors.Devices;

/// <summary>
/// Counters kept by a serial frame parser. Corrupt frames are skipped and counted here, never thrown.
/// Thread-safe reads (values are updated with <see cref="Interlocked"/>).
/// </summary>
public sealed class FrameCounters
{
    private long _valid;
    private long _corrupt;
    private long _discardedBytes;

    /// <summary>Frames that passed header, length and checksum checks.</summary>
    public long ValidFrames => Interlocked.Read(ref _valid);

    /// <summary>Frames with a header but a bad checksum, bad tail, bad length or truncated by the next header.</summary>
    public long CorruptFrames => Interlocked.Read(ref _corrupt);

    /// <summary>Bytes thrown away while looking for a frame header (garbage, line noise, partial frames).</summary>
    public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

    internal void AddValid() => Interlocked.Increment(ref _valid);

    internal void AddCorrupt() => Interlocked.Increment(ref _corrupt);

    internal void AddDiscarded(long bytes) => Interlocked.Add(ref _discardedBytes, bytes);

    public override string ToString() => $"valid={ValidFrames} corrupt={CorruptFrames} discardedBytes={DiscardedBytes}";
}
