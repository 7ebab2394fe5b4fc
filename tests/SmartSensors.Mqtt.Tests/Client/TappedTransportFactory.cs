using System.Buffers;
using SmartSensors.Mqtt.Packets;
using SmartSensors.Mqtt.Transport;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>
/// Test transport: the real TCP/TLS transport to the real broker, with a tap that records what the client writes
/// and a way to cut the connection abruptly (no DISCONNECT) — what the broker sees when a gateway loses power.
/// </summary>
internal sealed class TappedTransportFactory : IMqttTransportFactory
{
    private readonly Lock _lock = new();
    private readonly List<TapStream> _streams = [];
    private readonly List<(bool Written, long End)> _events = [];

    public async Task<Stream> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var inner = await MqttTransportFactory.Default.ConnectAsync(options, cancellationToken);
        var tap = new TapStream(inner, _events);
        lock (_lock)
        {
            _streams.Add(tap);
        }

        return tap;
    }

    public int ConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Closes the current socket without sending DISCONNECT.</summary>
    public void KillCurrentConnection()
    {
        lock (_lock)
        {
            _streams[^1].Dispose();
        }
    }

    /// <summary>Packets the client wrote on every connection so far, decoded.</summary>
    public List<(MqttPacketType Type, ushort PacketId, bool Dup)> WrittenPackets(MqttProtocolVersion version)
    {
        List<byte[]> captures;
        lock (_lock)
        {
            captures = _streams.Select(s => s.Written()).ToList();
        }

        return Decode(captures, version);
    }

    public byte[] FirstConnectBytes()
    {
        lock (_lock)
        {
            var bytes = _streams[0].Written();
            return bytes[..(bytes[1] + 2)];
        }
    }

    /// <summary>Packets the broker sent on every connection so far, decoded.</summary>
    public List<(MqttPacketType Type, ushort PacketId, bool Dup)> ReadPackets(MqttProtocolVersion version)
    {
        List<byte[]> captures;
        lock (_lock)
        {
            captures = _streams.Select(s => s.ReadBytes()).ToList();
        }

        return Decode(captures, version);
    }

    private static List<(MqttPacketType Type, ushort PacketId, bool Dup)> Decode(List<byte[]> captures, MqttProtocolVersion version) =>
        Decode(captures, version, withEnds: false).Select(p => (p.Type, p.PacketId, p.Dup)).ToList();

    private static List<(MqttPacketType Type, ushort PacketId, bool Dup, long End, byte First)> Decode(List<byte[]> captures, MqttProtocolVersion version, bool withEnds)
    {
        _ = withEnds;
        var result = new List<(MqttPacketType, ushort, bool, long, byte)>();
        foreach (var bytes in captures)
        {
            var sequence = new ReadOnlySequence<byte>(bytes);
            long offset = 0;
            while (MqttPacketDecoder.TryReadFixedHeader(sequence, int.MaxValue, out var first, out var header, out var remaining) && sequence.Length >= header + remaining)
            {
                var packet = MqttPacketDecoder.Decode(first, sequence.Slice(header, remaining).ToArray(), version);
                ushort id = packet switch
                {
                    PubAckPacket p => p.PacketId,
                    PublishPacket p => p.PacketId,
                    SubscribePacket p => p.PacketId,
                    _ => 0,
                };
                offset += header + remaining;
                result.Add((packet.Type, id, packet is PublishPacket { Dup: true }, offset, first));
                sequence = sequence.Slice(header + remaining);
            }
        }

        return result;
    }

    /// <summary>
    /// The largest number of QoS 1/2 PUBLISHes the client had written but not yet seen acknowledged (PUBACK/PUBCOMP, or a
    /// failing PUBREC) on the first connection. Writes are logged before they reach the socket and reads after they left it, so
    /// this can only over-estimate.
    /// </summary>
    public int MaxOutstandingPublishes(MqttProtocolVersion version)
    {
        TapStream stream;
        List<(bool Written, long End)> events;
        lock (_lock)
        {
            stream = _streams[0];
            lock (_events)
            {
                events = [.. _events];
            }
        }

        var written = Decode([stream.Written()], version, withEnds: true);
        var read = Decode([stream.ReadBytes()], version, withEnds: true);
        var timeline = new List<(int Order, int Delta)>();
        foreach (var (type, _, _, end, raw) in written)
        {
            if (type == MqttPacketType.Publish && (raw & 0x06) != 0)
            {
                timeline.Add((events.FindIndex(e => e.Written && e.End >= end), +1));
            }
        }

        foreach (var (type, _, _, end, _) in read)
        {
            if (type is MqttPacketType.PubAck or MqttPacketType.PubComp)
            {
                timeline.Add((events.FindIndex(e => !e.Written && e.End >= end), -1));
            }
        }

        var outstanding = 0;
        var max = 0;
        foreach (var (_, delta) in timeline.OrderBy(t => t.Order).ThenBy(t => -t.Delta))
        {
            outstanding += delta;
            max = Math.Max(max, outstanding);
        }

        return max;
    }

    private sealed class TapStream(Stream inner, List<(bool Written, long End)> events) : Stream
    {
        private readonly MemoryStream _written = new();
        private readonly MemoryStream _read = new();

        private void Log(bool written, long end)
        {
            lock (events)
            {
                events.Add((written, end));
            }
        }

        public byte[] ReadBytes()
        {
            lock (_read)
            {
                return _read.ToArray();
            }
        }

        public byte[] Written()
        {
            lock (_written)
            {
                return _written.ToArray();
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            lock (_read)
            {
                _read.Write(buffer.Span[..n]);
                Log(false, _read.Length);
            }

            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_written)
            {
                _written.Write(buffer, offset, count);
            }

            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_written)
            {
                _written.Write(buffer.Span);
                Log(true, _written.Length);
            }

            return inner.WriteAsync(buffer, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
