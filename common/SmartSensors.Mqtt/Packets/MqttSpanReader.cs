using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace SmartSensors.Mqtt.Packets;

/// <summary>Reads MQTT data types from a packet body. Every read is bounds-checked: running off the end is a Malformed Packet.</summary>
internal ref struct MqttSpanReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public MqttSpanReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly int Position => _position;

    public readonly bool End => _position >= _buffer.Length;

    public byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            throw Truncated("a byte");
        }

        return _buffer[_position++];
    }

    public ushort ReadUInt16()
    {
        if (Remaining < 2)
        {
            throw Truncated("a two-byte integer");
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer.Slice(_position, 2));
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (Remaining < 4)
        {
            throw Truncated("a four-byte integer");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer.Slice(_position, 4));
        _position += 4;
        return value;
    }

    /// <summary>Variable Byte Integer (1..4 bytes, max 268,435,455).</summary>
    public int ReadVariableByteInteger()
    {
        var value = 0;
        var multiplier = 1;
        for (var i = 0; i < 4; i++)
        {
            var b = ReadByte();
            value += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0)
            {
                if (i > 0 && b == 0)
                {
                    // A non-minimal encoding (e.g. 0x80 0x00) is allowed to be rejected; be strict and unambiguous.
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Variable byte integer is not minimally encoded.");
                }

                return value;
            }

            multiplier <<= 7;
        }

        throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Variable byte integer is longer than 4 bytes.");
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || Remaining < count)
        {
            throw Truncated($"{count} bytes");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Binary Data: two-byte length then bytes.</summary>
    public ReadOnlySpan<byte> ReadBinary() => ReadBytes(ReadUInt16());

    /// <summary>UTF-8 Encoded String as raw bytes, validated (well-formed UTF-8, no U+0000).</summary>
    public ReadOnlySpan<byte> ReadUtf8Bytes()
    {
        var bytes = ReadBinary();
        ValidateUtf8(bytes);
        return bytes;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadUtf8Bytes());

    public ReadOnlySpan<byte> ReadRest()
    {
        var span = _buffer[_position..];
        _position = _buffer.Length;
        return span;
    }

    public static void ValidateUtf8(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "UTF-8 string is not well-formed.");
        }

        if (bytes.Contains((byte)0))
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "UTF-8 string contains U+0000.");
        }
    }

    private static MqttProtocolException Truncated(string what) =>
        new(MqttReasonCode.MalformedPacket, $"Packet truncated: expected {what}.");
}
