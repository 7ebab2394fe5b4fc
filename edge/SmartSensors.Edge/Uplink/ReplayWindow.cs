namespace SmartSensors.Edge.Uplink;

/// <summary>
/// The packs the broker acknowledged (QoS 1 PUBACK) within the last <see cref="Span"/>, kept in memory after their readings
/// left the outbox, so that they can be sent again after a reconnect.
/// <para>Why: mosquitto acknowledges a PUBLISH before it has saved it (it writes its persistence file every
/// <c>autosave_interval</c>). If the broker is killed in between, a restart from the older file has lost the packs it
/// acknowledged but had not yet handed on; the gateway is the only place they still exist. A broker restart always
/// breaks the connection, so sending this window again after every reconnect closes that gap: packs are stored by series
/// and capture time, so a copy the broker did keep costs nothing.</para>
/// Bounded by <see cref="Span"/> and by <see cref="MaxBytes"/> (oldest dropped first, counted). Thread-safe.
/// </summary>
internal sealed class ReplayWindow
{
    private readonly LinkedList<Entry> _entries = new();
    private readonly Dictionary<long, LinkedListNode<Entry>> _bySequence = [];
    private readonly TimeProvider _time;
    private long _bytes;

    public ReplayWindow(TimeSpan span, long maxBytes, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentNullException.ThrowIfNull(time);
        Span = span;
        MaxBytes = maxBytes;
        _time = time;
    }

    /// <summary>How long a pack is kept after its (latest) acknowledgement.</summary>
    public TimeSpan Span { get; }

    /// <summary>Payload bytes kept at most.</summary>
    public long MaxBytes { get; }

    /// <summary>Keeps (or keeps again, from now) a pack the broker has just acknowledged. Returns how many older packs
    /// had to be dropped before their time to stay within <see cref="MaxBytes"/> (a broker crash soon after their
    /// acknowledgement could lose those).</summary>
    public int Remember(long sequence, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        lock (_entries)
        {
            var now = _time.GetTimestamp();
            if (_bySequence.Remove(sequence, out var existing))
            {
                _entries.Remove(existing);
                _bytes -= existing.Value.Payload.Length;
            }

            _bySequence[sequence] = _entries.AddLast(new Entry(sequence, payload, now));
            _bytes += payload.Length;
            return Trim(now);
        }
    }

    /// <summary>The packs still inside the window, in sequence order.</summary>
    public IReadOnlyList<(long Sequence, byte[] Payload)> Snapshot()
    {
        lock (_entries)
        {
            Trim(_time.GetTimestamp());
            var packs = new List<(long Sequence, byte[] Payload)>(_entries.Count);
            foreach (var entry in _entries)
            {
                packs.Add((entry.Sequence, entry.Payload));
            }

            packs.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            return packs;
        }
    }

    private int Trim(long now)
    {
        var overflowed = 0;
        while (_entries.First is { } oldest)
        {
            var expired = _time.GetElapsedTime(oldest.Value.AcknowledgedAt, now) >= Span;
            if (!expired && _bytes <= MaxBytes)
            {
                break;
            }

            if (!expired)
            {
                overflowed++;
            }

            _entries.RemoveFirst();
            _bySequence.Remove(oldest.Value.Sequence);
            _bytes -= oldest.Value.Payload.Length;
        }

        return overflowed;
    }

    private readonly record struct Entry(long Sequence, byte[] Payload, long AcknowledgedAt);
}
