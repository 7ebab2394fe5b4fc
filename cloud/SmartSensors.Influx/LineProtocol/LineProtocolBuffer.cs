using System.Buffers;

namespace SmartSensors.Influx.LineProtocol;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>. Reuse it (<see cref="Clear"/>) to
/// encode batch after batch without allocating; dispose it to return the array to the pool.
/// </summary>
public sealed class LineProtocolBuffer : IBufferWriter<byte>, IDisposable
{
    private const int MinimumCapacity = 256;

    /// <summary>The largest buffer we grow to (1 GiB): a guard against runaway input, far above any sane batch.</summary>
    public const int MaximumCapacity = 1 << 30;

    private byte[] _array;
    private int _length;

    /// <summary>Creates a buffer with an initial capacity in bytes.</summary>
    public LineProtocolBuffer(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, MinimumCapacity));
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>Current capacity.</summary>
    public int Capacity => _array.Length;

    /// <summary>The bytes written so far (valid until the next write or <see cref="Clear"/>).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    /// <summary>The bytes written so far (valid until the next write or <see cref="Clear"/>).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    /// <summary>The underlying array (only the first <see cref="Length"/> bytes are meaningful).</summary>
    internal byte[] Array => _array;

    /// <summary>Forgets the content, keeping the capacity.</summary>
    public void Clear() => _length = 0;

    /// <summary>Cuts the content back to <paramref name="length"/> bytes.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _length);
        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _array.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _array.AsSpan(_length);
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        EnsureFree(bytes.Length);
        bytes.CopyTo(_array.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        if (_length == _array.Length)
        {
            EnsureFree(1);
        }

        _array[_length++] = value;
    }

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        byte[] array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void EnsureFree(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_array.Length - _length >= sizeHint)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_array.Length == 0, this);
        long needed = (long)_length + sizeHint;
        if (needed > MaximumCapacity)
        {
            throw new InvalidOperationException(
                $"Line-protocol buffer would exceed {MaximumCapacity} bytes; write smaller batches.");
        }

        int newSize = (int)Math.Min(MaximumCapacity, Math.Max(needed, (long)_array.Length * 2));
        byte[] bigger = ArrayPool<byte>.Shared.Rent(newSize);
        _array.AsSpan(0, _length).CopyTo(bigger);
        byte[] old = _array;
        _array = bigger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }

}
