using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>
/// A scripted peer on a loopback port (the approach of Mosquitto's own client test-suite): the test reads what the client
/// sends and answers with exact packets, including ones a real broker would never send (topic aliases, protocol violations).
/// </summary>
internal sealed class ScriptedBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _peer;
    private NetworkStream? _stream;
    private byte[] _pending = [];

    public ScriptedBroker() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task AcceptAsync(CancellationToken cancellationToken)
    {
        _peer = await _listener.AcceptTcpClientAsync(cancellationToken);
        _stream = _peer.GetStream();
    }

    /// <summary>Drops the current connection without DISCONNECT (a network failure, from the client's side).</summary>
    public void Drop()
    {
        _peer?.Dispose();
        _peer = null;
        _stream = null;
        _pending = [];
    }

    public async Task SendAsync(MqttPacket packet, MqttProtocolVersion version, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketEncoder.Encode(buffer, packet, version);
        await _stream!.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken) => await _stream!.WriteAsync(bytes, cancellationToken);

    /// <summary>Reads the next whole packet from the client, or null when the client closed the connection.</summary>
    public async Task<MqttPacket?> ReceiveAsync(MqttProtocolVersion version, CancellationToken cancellationToken)
    {
        var chunk = new byte[4096];
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            if (MqttPacketDecoder.TryReadFixedHeader(sequence, int.MaxValue, out var first, out var header, out var remaining) && _pending.Length >= header + remaining)
            {
                var packet = MqttPacketDecoder.Decode(first, _pending.AsSpan(header, remaining), version);
                _pending = _pending[(header + remaining)..];
                return packet;
            }

            var n = await _stream!.ReadAsync(chunk, cancellationToken);
            if (n == 0)
            {
                return null;
            }

            _pending = [.. _pending, .. chunk.AsSpan(0, n)];
        }
    }

    public ValueTask DisposeAsync()
    {
        _peer?.Dispose();
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
