using System.Buffers;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Tests.Packets;

/// <summary>Hostile input: every byte sequence must be refused with the right v5 reason code, never crash, hang or over-allocate.</summary>
public sealed class MqttPacketDecoderTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    /// <summary>(name, version, first byte, body hex — the Remaining Length is computed, expected reason code).</summary>
    public static TheoryData<string, MqttProtocolVersion, byte, string, byte> HostileBodies => new()
    {
        { "packet type 0", V5, 0x00, "", 0x81 },
        { "PINGREQ with a body", V3, 0xC0, "00", 0x81 },
        { "PINGRESP with flags", V3, 0xD1, "", 0x81 },
        { "PUBLISH QoS 3", V3, 0x36, "0001610001", 0x81 },
        { "PUBLISH QoS 0 with DUP", V3, 0x38, "000161", 0x81 },
        { "PUBLISH topic length past the end", V3, 0x30, "000561", 0x81 },
        { "PUBLISH topic invalid UTF-8", V3, 0x30, "0002C328", 0x81 },
        { "PUBLISH topic with U+0000", V3, 0x30, "00026100", 0x81 },
        { "PUBLISH topic UTF-16 surrogate encoded", V3, 0x30, "0003EDA080", 0x81 },
        { "PUBLISH topic overlong encoding", V3, 0x30, "0002C0AF", 0x81 },
        { "PUBLISH topic with wildcard", V3, 0x30, "0003612F2B", 0x90 },
        { "PUBLISH topic with #", V5, 0x30, "000123" + "00", 0x90 },
        { "PUBLISH 3.1.1 empty topic", V3, 0x30, "0000", 0x81 },
        { "PUBLISH v5 empty topic without alias", V5, 0x30, "000000", 0x82 },
        { "PUBLISH QoS 1 packet id 0", V3, 0x32, "0001610000", 0x82 },
        { "PUBLISH QoS 1 packet id truncated", V3, 0x32, "00016100", 0x81 },
        { "PUBLISH v5 property length past the end", V5, 0x30, "0001610501", 0x81 },
        { "PUBLISH v5 missing property length", V5, 0x30, "000161", 0x81 },
        { "PUBLISH v5 duplicate Content Type", V5, 0x30, "000161" + "08" + "03000161" + "03000162", 0x82 },
        { "PUBLISH v5 Session Expiry not allowed", V5, 0x30, "000161" + "05" + "1100000001", 0x82 },
        { "PUBLISH v5 unknown property 0x7F", V5, 0x30, "000161" + "02" + "7F00", 0x81 },
        { "PUBLISH v5 Topic Alias 0", V5, 0x30, "000161" + "03" + "230000", 0x82 },
        { "PUBLISH v5 duplicate Topic Alias", V5, 0x30, "000161" + "06" + "230001" + "230002", 0x82 },
        { "PUBLISH v5 Payload Format Indicator 2", V5, 0x30, "000161" + "02" + "0102", 0x82 },
        { "PUBLISH v5 UTF-8 payload invalid", V5, 0x30, "000161" + "02" + "0101" + "FF", 0x99 },
        { "PUBLISH v5 Subscription Identifier 0", V5, 0x30, "000161" + "02" + "0B00", 0x82 },
        { "PUBLISH v5 Response Topic with wildcard", V5, 0x30, "000161" + "04" + "0800012B", 0x82 },
        { "PUBLISH v5 User Property invalid UTF-8", V5, 0x30, "000161" + "07" + "260001FF000161", 0x81 },
        { "PUBLISH v5 User Property value missing", V5, 0x30, "000161" + "04" + "26000161", 0x81 },
        { "PUBLISH v5 Content Type with U+0000", V5, 0x30, "000161" + "04" + "03000100", 0x81 },
        { "PUBLISH v5 property id not minimal", V5, 0x30, "000161" + "03" + "830001", 0x81 },
        { "PUBLISH v5 Correlation Data length past the end", V5, 0x30, "000161" + "03" + "090005", 0x81 },
        { "PUBLISH v5 Message Expiry truncated", V5, 0x30, "000161" + "03" + "020000", 0x81 },
        { "PUBACK 3.1.1 with extra byte", V3, 0x40, "000100", 0x81 },
        { "PUBACK packet id 0", V3, 0x40, "0000", 0x82 },
        { "PUBACK truncated", V3, 0x40, "00", 0x81 },
        { "PUBACK v5 reason code 0x05", V5, 0x40, "000105", 0x81 },
        { "PUBACK v5 Content Type not allowed", V5, 0x40, "00010004" + "03000161", 0x82 },
        { "PUBACK v5 duplicate Reason String", V5, 0x40, "00010008" + "1F000161" + "1F000162", 0x82 },
        { "PUBREL flags 0000", V3, 0x60, "0001", 0x81 },
        { "PUBREL v5 reason 0x10", V5, 0x62, "000110", 0x81 },
        { "PUBCOMP v5 reason 0x87", V5, 0x70, "000187", 0x81 },
        { "PUBREC flags set", V3, 0x51, "0001", 0x81 },
        { "CONNACK reserved flag", V3, 0x20, "0200", 0x81 },
        { "CONNACK 3.1.1 return code 6", V3, 0x20, "0006", 0x81 },
        { "CONNACK truncated", V3, 0x20, "00", 0x81 },
        { "CONNACK v5 Session Present with refusal", V5, 0x20, "018700", 0x82 },
        { "CONNACK v5 reason 0x04", V5, 0x20, "000400", 0x81 },
        { "CONNACK v5 Receive Maximum 0", V5, 0x20, "0000" + "03" + "210000", 0x82 },
        { "CONNACK v5 Maximum QoS 2", V5, 0x20, "0000" + "02" + "2402", 0x82 },
        { "CONNACK v5 Maximum Packet Size 0", V5, 0x20, "0000" + "05" + "2700000000", 0x82 },
        { "CONNACK v5 duplicate Receive Maximum", V5, 0x20, "0000" + "06" + "210001" + "210002", 0x82 },
        { "CONNACK v5 Topic Alias not allowed", V5, 0x20, "0000" + "03" + "230001", 0x82 },
        { "CONNACK v5 property length 5 bytes", V5, 0x20, "0000" + "FFFFFFFF7F", 0x81 },
        { "CONNACK v5 Retain Available 7", V5, 0x20, "0000" + "02" + "2507", 0x82 },
        { "CONNACK v5 Will Delay not allowed", V5, 0x20, "0000" + "05" + "1800000001", 0x82 },
        { "SUBACK without reason codes", V3, 0x90, "0001", 0x82 },
        { "SUBACK 3.1.1 return code 3", V3, 0x90, "000103", 0x81 },
        { "SUBACK v5 reason 0x03", V5, 0x90, "00010003", 0x81 },
        { "SUBACK packet id 0", V3, 0x90, "000000", 0x82 },
        { "SUBSCRIBE flags 0000", V3, 0x80, "0001000161" + "01", 0x81 },
        { "SUBSCRIBE QoS 3", V3, 0x82, "0001000161" + "03", 0x81 },
        { "SUBSCRIBE 3.1.1 reserved option bits", V3, 0x82, "0001000161" + "05", 0x81 },
        { "SUBSCRIBE v5 Retain Handling 3", V5, 0x82, "000100000161" + "30", 0x82 },
        { "SUBSCRIBE v5 reserved option bits", V5, 0x82, "000100000161" + "40", 0x81 },
        { "SUBSCRIBE filter a/#/b", V3, 0x82, "000100056123" + "2F2F62" + "01", 0x8F },
        { "SUBSCRIBE filter with a+ level", V3, 0x82, "0001000261" + "2B" + "01", 0x8F },
        { "SUBSCRIBE v5 No Local on shared subscription", V5, 0x82, "000100" + "000A" + "2473686172652F672F61" + "04", 0x82 },
        { "SUBSCRIBE without filters", V3, 0x82, "0001", 0x82 },
        { "SUBSCRIBE options byte missing", V3, 0x82, "0001000161", 0x81 },
        { "UNSUBSCRIBE without filters", V3, 0xA2, "0001", 0x82 },
        { "UNSUBACK 3.1.1 with a reason byte", V3, 0xB0, "000100", 0x81 },
        { "UNSUBACK v5 without reason codes", V5, 0xB0, "000100", 0x82 },
        { "UNSUBACK v5 reason 0x10", V5, 0xB0, "00010010", 0x81 },
        { "DISCONNECT 3.1.1 with a body", V3, 0xE0, "00", 0x81 },
        { "DISCONNECT v5 reason 0x01", V5, 0xE0, "01", 0x81 },
        { "DISCONNECT v5 Session Expiry truncated", V5, 0xE0, "00" + "03" + "110000", 0x81 },
        { "AUTH in 3.1.1", V3, 0xF0, "", 0x81 },
        { "AUTH v5 reason 0x87", V5, 0xF0, "87", 0x81 },
        { "CONNECT protocol name MQTX", V5, 0x10, "00044D515458" + "05" + "02" + "003C" + "00" + "0000", 0x81 },
        { "CONNECT protocol level 6", V5, 0x10, "00044D515454" + "06" + "02" + "003C" + "00" + "0000", 0x84 },
        { "CONNECT reserved flag", V3, 0x10, "00044D515454" + "04" + "03" + "003C" + "0000", 0x81 },
        { "CONNECT Will QoS 3", V3, 0x10, "00044D515454" + "04" + "1E" + "003C" + "0000", 0x81 },
        { "CONNECT Will Retain without Will", V3, 0x10, "00044D515454" + "04" + "22" + "003C" + "0000", 0x81 },
        { "CONNECT 3.1.1 password without username", V3, 0x10, "00044D515454" + "04" + "42" + "003C" + "0000" + "0000", 0x81 },
        { "CONNECT client id past the end", V3, 0x10, "00044D515454" + "04" + "02" + "003C" + "0009", 0x81 },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void Decode_HostileBody_RejectedWithReasonCode(string name, MqttProtocolVersion version, byte firstByte, string bodyHex, byte expected)
    {
        var body = Convert.FromHexString(bodyHex);
        var frame = new List<byte> { firstByte };
        var writer = new ArrayBufferWriter<byte>();
        var w = new MqttSpanWriter(writer.GetSpan(4));
        w.WriteVariableByteInteger(body.Length);
        frame.AddRange(writer.GetSpan(4)[..w.Position].ToArray());
        frame.AddRange(body);

        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketDecoder.DecodeFrame(frame.ToArray(), version));

        Assert.True((byte)ex.ReasonCode == expected, $"{name}: expected 0x{expected:X2} but got 0x{(byte)ex.ReasonCode:X2} ({ex.Message})");
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    /// <summary>Framing-level attacks, given as whole frames (name, hex, maximum packet size, expected reason).</summary>
    public static TheoryData<string, string, int, byte> HostileFrames => new()
    {
        { "Remaining Length of 5 bytes", "30FFFFFFFF7F", 1_000_000, 0x81 },
        { "Remaining Length not minimal", "C08000", 1_000_000, 0x81 },
        { "Remaining Length 268 MB against a 1 MB limit", "30FFFFFF7F", 1_000_000, 0x95 },
        { "packet just over the maximum size", "3065" + new string('0', 0x65 * 2), 100, 0x95 },
        { "body shorter than Remaining Length", "300A000161", 1_000_000, 0x81 },
        { "bytes after the packet", "C000C000", 1_000_000, 0x81 },
        { "fixed header cut inside Remaining Length", "3080", 1_000_000, 0x81 },
    };

    [Theory]
    [MemberData(nameof(HostileFrames))]
    public void DecodeFrame_HostileFraming_RejectedWithReasonCode(string name, string hex, int maximumPacketSize, byte expected)
    {
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketDecoder.DecodeFrame(Convert.FromHexString(hex), MqttProtocolVersion.V500, maximumPacketSize));

        Assert.True((byte)ex.ReasonCode == expected, $"{name}: expected 0x{expected:X2} but got 0x{(byte)ex.ReasonCode:X2} ({ex.Message})");
    }

    [Fact]
    public void TryReadFixedHeader_OversizedAnnouncedBeforeBodyArrives_RejectedWithoutBuffering()
    {
        // Only the 5-byte header of a 200 MB packet has arrived: the decoder must refuse at once, not wait for the body.
        var header = new ReadOnlySequence<byte>(Convert.FromHexString("3080808060"));

        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketDecoder.TryReadFixedHeader(header, 1024 * 1024, out _, out _, out _));

        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
    }

    [Fact]
    public void TryReadFixedHeader_PartialHeader_ReturnsFalseToWaitForMore()
    {
        var partial = new ReadOnlySequence<byte>(Convert.FromHexString("3080"));

        Assert.False(MqttPacketDecoder.TryReadFixedHeader(partial, 1024, out _, out _, out _));
    }

    [Fact]
    public void TryReadFixedHeader_HeaderSplitAcrossSegments_ReadsLength()
    {
        var first = new Segment(new byte[] { 0x30, 0xC8 });
        var last = first.Append(new byte[] { 0x01, 0xAA });
        var sequence = new ReadOnlySequence<byte>(first, 0, last, 2);

        Assert.True(MqttPacketDecoder.TryReadFixedHeader(sequence, 1024, out var firstByte, out var headerLength, out var remaining));
        Assert.Equal(0x30, firstByte);
        Assert.Equal(3, headerLength);
        Assert.Equal(200, remaining);
    }

    [Fact]
    public void DecodeFrame_RandomBytes_OnlyProtocolExceptions()
    {
        // Fuzz: whatever the bytes, the decoder either returns a packet or throws MqttProtocolException.
        var random = new Random(12345);
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 40);
            var bytes = new byte[length + 2];
            random.NextBytes(bytes);
            bytes[1] = (byte)length;
            foreach (var version in new[] { V3, V5 })
            {
                try
                {
                    MqttPacketDecoder.DecodeFrame(bytes, version);
                }
                catch (MqttProtocolException)
                {
                }
            }
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
