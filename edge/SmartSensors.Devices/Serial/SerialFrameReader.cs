using System.Diagnostics;

namespace SmartSensors.Devices.Serial;

/// <summary>
/// Reads from a <see cref="SerialPort"/> through a <see cref="FrameScanner"/> until one valid frame arrives or the
/// timeout passes. Corrupt input is skipped and counted; only "no valid frame in time" fails the read.
/// </summary>
internal sealed class SerialFrameReader
{
    private readonly SerialPort _port;
    private readonly FrameScanner _scanner;
    private readonly byte[] _chunk = new byte[256];
    private int _chunkOffset;
    private int _chunkLength;

    public SerialFrameReader(SerialPort port, FrameScanner scanner)
    {
        _port = port;
        _scanner = scanner;
    }

    public FrameCounters Counters => _scanner.Counters;

    /// <summary>Discards stale bytes in the port and the scanner, so the next frame is fresh.</summary>
    public void Flush()
    {
        _port.DiscardInBuffer();
        _scanner.Reset();
        _chunkOffset = _chunkLength = 0;
    }

    /// <summary>Returns the length of the frame copied to <paramref name="frame"/>.</summary>
    public async ValueTask<int> ReadFrameAsync(Memory<byte> frame, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            // Offer buffered input to the scanner a bufferful at a time, taking frames as they complete.
            while (true)
            {
                if (_scanner.TryTakeFrame(frame.Span, out var length))
                {
                    return length;
                }

                if (_chunkOffset >= _chunkLength)
                {
                    break;
                }

                _chunkOffset += _scanner.Append(_chunk.AsSpan(_chunkOffset, _chunkLength - _chunkOffset));
            }

            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new SensorReadException($"No valid {what} frame from {_port.PortName} within {timeout.TotalSeconds:0.#} s ({Counters}). Check wiring (sensor TX to Pi RX), power and baud rate.");
            }

            var n = await _port.ReadAsync(_chunk, remaining, cancellationToken).ConfigureAwait(false);
            _chunkOffset = 0;
            _chunkLength = n;
        }
    }
}
