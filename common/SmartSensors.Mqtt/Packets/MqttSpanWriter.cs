using System.Buffers.Binary;
using System.Text;

namespace SmartSensors.Mqtt.Packets;

/// <summary>Writes MQTT data types into a span that was sized beforehand (sizes come from the Size* helpers).</summary>
internal ref struct MqttSpanWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public MqttSpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.Slice(_position, 2), value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(_position, 4), value);
        _position += 4;
    }

    public void WriteVariableByteInteger(int value)
    {
        var v = (uint)value;
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            if (v > 0)
            {
                b |= 0x80;
            }

            _buffer[_position++] = b;
        }
        while (v > 0);
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteBinary(scoped ReadOnlySpan<byte> bytes)
    {
        WriteUInt16((ushort)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetBytes(value, _buffer[(_position + 2)..]);
        WriteUInt16((ushort)count);
        _position += count;
    }

    /// <summary>UTF-8 bytes of <paramref name="value"/> without a length prefix.</summary>
    public void WriteUtf8(string value) => _position += Encoding.UTF8.GetBytes(value, _buffer[_position..]);

    public static int SizeOfVariableByteInteger(int value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    /// <summary>Size of a UTF-8 string field (2-byte length + bytes); throws when it cannot be encoded.</summary>
    public static int SizeOfString(string value, string what)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException($"{what} is longer than 65535 UTF-8 bytes.", what);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} must not contain U+0000.", what);
        }

        return 2 + count;
    }

    public static int SizeOfBinary(int length, string what)
    {
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"{what} is longer than 65535 bytes.", what);
        }

        return 2 + length;
    }
}
