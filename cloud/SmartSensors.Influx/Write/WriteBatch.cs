using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Influx.Write;

/// <summary>Lines of several items in one pooled buffer, and which lines belong to which item.</summary>
internal sealed class WriteBatch : IDisposable
{
    private readonly List<BatchItem> _items = [];

    public WriteBatch(int initialCapacity)
    {
        Buffer = new LineProtocolBuffer(initialCapacity);
    }

    public LineProtocolBuffer Buffer { get; }

    public int LineCount { get; private set; }

    public int ItemCount => _items.Count;

    public bool IsEmpty => _items.Count == 0;

    public long FirstItemTimestamp { get; private set; }

    public IReadOnlyList<BatchItem> Items => _items;

    public void Add(in PendingItem item, long timestamp)
    {
        if (_items.Count == 0)
        {
            FirstItemTimestamp = timestamp;
        }

        if (item.Rented is not null)
        {
            Buffer.Write(item.Rented.AsSpan(0, item.Length));
        }

        _items.Add(new BatchItem(LineCount, item.LineCount, item.State, item.Completion, item.FlushCompletion));
        LineCount += item.LineCount;
    }

    /// <summary>Byte offset of the start of each line, plus the end (so line i is [starts[i], starts[i+1]) ).</summary>
    public int[] LineStarts()
    {
        var starts = new int[LineCount + 1];
        ReadOnlySpan<byte> span = Buffer.WrittenSpan;
        int line = 0;
        int position = 0;
        while (line < LineCount)
        {
            starts[line++] = position;
            int newline = span[position..].IndexOf((byte)'\n');
            position += newline + 1;
        }

        starts[LineCount] = position;
        return starts;
    }

    public void Dispose() => Buffer.Dispose();
}

/// <summary>One item's place in a batch.</summary>
internal readonly record struct BatchItem(
    int FirstLine,
    int LineCount,
    object? State,
    TaskCompletionSource<WriteOutcome>? Completion,
    TaskCompletionSource? FlushCompletion);
