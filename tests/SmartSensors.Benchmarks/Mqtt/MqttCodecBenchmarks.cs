using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using SmartSensors.Mqtt;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Benchmarks.Mqtt;

/// <summary>
/// MQTT codec cost on the hot path: PUBLISH encode into a reused buffer, PUBLISH decode (framing over a
/// <see cref="ReadOnlySequence{T}"/> + the allocation-free view), and PUBACK both ways. The memory diagnoser must show
/// 0 B allocated for every method: neither direction allocates per packet.
/// Run: <c>dotnet run -c Release --project tests/SmartSensors.Benchmarks -- --filter '*MqttCodec*'</c>
/// </summary>
[MemoryDiagnoser]
public class MqttCodecBenchmarks
{
    private const int PacketsPerInvoke = 1_000;
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private MqttApplicationMessage _message = null!;
    private byte[] _publishV5 = null!;
    private byte[] _publishV311 = null!;
    private byte[] _pubAck = null!;

    /// <summary>Payload size in bytes (a SenML pack of a few readings is ~300 B).</summary>
    [Params(300, 4096)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var payload = Encoding.UTF8.GetBytes(new string('x', PayloadSize));
        _message = new MqttApplicationMessage
        {
            Topic = "ss/v1/queens-square/gw-0001/readings",
            Payload = payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/senml+json",
            PayloadIsUtf8 = true,
        };
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketEncoder.EncodePublish(buffer, _message, 42, false, MqttProtocolVersion.V500);
        _publishV5 = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        MqttPacketEncoder.EncodePublish(buffer, _message, 42, false, MqttProtocolVersion.V311);
        _publishV311 = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        MqttPacketEncoder.EncodePubAck(buffer, MqttPacketType.PubAck, 42, MqttReasonCode.Success, null, MqttProtocolVersion.V500);
        _pubAck = buffer.WrittenSpan.ToArray();
    }

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int EncodePublishV5()
    {
        _output.ResetWrittenCount();
        var total = 0;
        for (var i = 0; i < PacketsPerInvoke; i++)
        {
            if (_output.FreeCapacity < PayloadSize + 256)
            {
                _output.ResetWrittenCount();
            }

            total += MqttPacketEncoder.EncodePublish(_output, _message, (ushort)(i + 1), false, MqttProtocolVersion.V500);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int DecodePublishV5() => Decode(_publishV5, MqttProtocolVersion.V500);

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int DecodePublishV311() => Decode(_publishV311, MqttProtocolVersion.V311);

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int EncodePubAck()
    {
        _output.ResetWrittenCount();
        var total = 0;
        for (var i = 0; i < PacketsPerInvoke; i++)
        {
            total += MqttPacketEncoder.EncodePubAck(_output, MqttPacketType.PubAck, (ushort)(i + 1), MqttReasonCode.Success, null, MqttProtocolVersion.V500);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int DecodePubAck()
    {
        var total = 0;
        for (var i = 0; i < PacketsPerInvoke; i++)
        {
            var (id, _) = MqttPacketDecoder.DecodePubAckFast(MqttPacketType.PubAck, _pubAck.AsSpan(2), MqttProtocolVersion.V500, out _);
            total += id;
        }

        return total;
    }

    private static int Decode(byte[] packet, MqttProtocolVersion version)
    {
        var total = 0;
        var sequence = new ReadOnlySequence<byte>(packet);
        for (var i = 0; i < PacketsPerInvoke; i++)
        {
            MqttPacketDecoder.TryReadFixedHeader(sequence, int.MaxValue, out var first, out var header, out var remaining);
            var view = MqttPacketDecoder.DecodePublish(first, packet.AsSpan(header, remaining), version);
            total += view.Payload.Length + view.TopicUtf8.Length + view.PacketId;
        }

        return total;
    }
}
