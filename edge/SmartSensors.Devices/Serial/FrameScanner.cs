namespace SmartSensors.Devices.Serial;

/// <summary>
/// Resynchronising frame scanner shared by the serial parsers (pure: no I/O). Bytes are appended to a bounded
/// buffer; the scanner looks for the header, and when a whole candidate frame is buffered asks the protocol to
/// validate it. A bad candidate is counted and only its first byte is dropped, so a real header hidden inside
/// a corrupt or truncated frame is still found. Garbage before a header is counted in
/// <see cref="FrameCounters.DiscardedBytes"/>. Never throws on any input.
/// </summary>
internal sealed class FrameScanner
{
    private readonly byte[] _buffer;
    private readonly byte _header;
    private readonly Func<ReadOnlySpan<byte>, int> _measure;
    private int _count;

    /// <param name="header">First byte of every frame.</param>
    /// <param name="maxFrame">Largest frame length; also bounds the buffer (4× this).</param>
    /// <param name="measure">
    /// Given the buffered bytes starting at a header: returns the frame length if it is complete and valid,
    /// 0 if more bytes are needed, or -1 if this header does not start a valid frame.
    /// </param>
    /// <param name="counters">Where to count (shared across reconnections), or null for a private set.</param>
    public FrameScanner(byte header, int maxFrame, Func<ReadOnlySpan<byte>, int> measure, FrameCounters? counters = null)
    {
        Counters = counters ?? new FrameCounters();
        _header = header;
        _measure = measure;
        _buffer = new byte[maxFrame * 4];
    }

    public FrameCounters Counters { get; }

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Buffered => _count;

    /// <summary>Drops everything buffered (e.g. after the port's input buffer was discarded).</summary>
    public void Reset()
    {
        _count = 0;
    }

    /// <summary>
    /// Appends as much of <paramref name="input"/> as fits and returns how many bytes were taken; call
    /// <see cref="TryTakeFrame"/> until it returns false, then append the rest.
    /// </summary>
    public int Append(ReadOnlySpan<byte> input)
    {
        var n = Math.Min(input.Length, _buffer.Length - _count);
        input[..n].CopyTo(_buffer.AsSpan(_count));
        _count += n;
        return n;
    }

    /// <summary>Finds the next valid frame in the buffer and copies it to <paramref name="frame"/> (which must be large enough).</summary>
    public bool TryTakeFrame(Span<byte> frame, out int length)
    {
        length = 0;
        while (_count > 0)
        {
            var start = _buffer.AsSpan(0, _count).IndexOf(_header);
            if (start < 0)
            {
                Counters.AddDiscarded(_count);
                _count = 0;
                return false;
            }

            if (start > 0)
            {
                Counters.AddDiscarded(start);
                Consume(start);
            }

            var result = _measure(_buffer.AsSpan(0, _count));
            if (result == 0)
            {
                if (_count == _buffer.Length)
                {
                    // Cannot need more than the whole buffer: treat as corrupt.
                    Counters.AddCorrupt();
                    Consume(1);
                    continue;
                }

                return false;
            }

            if (result < 0 || result > _count || result > frame.Length)
            {
                Counters.AddCorrupt();
                Consume(1);
                continue;
            }

            _buffer.AsSpan(0, result).CopyTo(frame);
            length = result;
            Consume(result);
            Counters.AddValid();
            return true;
        }

        return false;
    }

    private void Consume(int n)
    {
        _buffer.AsSpan(n, _count - n).CopyTo(_buffer);
        _count -= n;
    }
}
