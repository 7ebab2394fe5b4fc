namespace SmartSensors.Devices.Bindings.Sds011;

/// <summary>
/// SDS011 frame codec (Nova Fitness SDS011 Laser Dust Sensor Control Protocol V1.3). Pure, no I/O.
/// Data frame: <c>AA C0 PM25L PM25H PM10L PM10H ID1 ID2 CHK AB</c>, CHK = sum(bytes 2..7) &amp; 0xFF,
/// value = (H·256 + L) / 10 µg/m³. Command replies are <c>AA C5 … AB</c> with the same checksum rule.
/// </summary>
public static class Sds011Frame
{
    public const int Length = 10;
    public const byte Head = 0xAA;
    public const byte Tail = 0xAB;
    public const byte DataCommand = 0xC0;
    public const byte ReplyCommand = 0xC5;

    /// <summary>For <see cref="Serial.FrameScanner"/>: frame length if <paramref name="buffered"/> starts with a valid frame, 0 if more bytes are needed, -1 if not.</summary>
    internal static int Measure(ReadOnlySpan<byte> buffered)
    {
        if (buffered.Length >= 2 && buffered[1] is not (DataCommand or ReplyCommand))
        {
            return -1;
        }

        if (buffered.Length < Length)
        {
            return 0;
        }

        return buffered[9] == Tail && Checksum(buffered) == buffered[8] ? Length : -1;
    }

    /// <summary>Checksum of a 10-byte frame: sum of bytes 2..7.</summary>
    public static byte Checksum(ReadOnlySpan<byte> frame)
    {
        var sum = 0;
        for (var i = 2; i <= 7; i++)
        {
            sum += frame[i];
        }

        return (byte)sum;
    }

    /// <summary>Decodes a data frame; false for anything else (wrong length, header, command, tail or checksum).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out Sds011Reading reading)
    {
        reading = default;
        if (frame.Length != Length || frame[0] != Head || frame[1] != DataCommand || Measure(frame) != Length)
        {
            return false;
        }

        reading = new Sds011Reading(
            ((frame[3] << 8) | frame[2]) / 10.0,
            ((frame[5] << 8) | frame[4]) / 10.0,
            (ushort)((frame[6] << 8) | frame[7]));
        return true;
    }

    /// <summary>Encodes a data frame (used by the simulated sensor and tests). Values are clamped to 0-6553.5.</summary>
    public static byte[] Encode(double pm25, double pm10, ushort deviceId)
    {
        var p25 = (int)Math.Round(Math.Clamp(pm25, 0, 6553.5) * 10);
        var p10 = (int)Math.Round(Math.Clamp(pm10, 0, 6553.5) * 10);
        var f = new byte[Length];
        f[0] = Head;
        f[1] = DataCommand;
        f[2] = (byte)p25;
        f[3] = (byte)(p25 >> 8);
        f[4] = (byte)p10;
        f[5] = (byte)(p10 >> 8);
        f[6] = (byte)(deviceId >> 8);
        f[7] = (byte)deviceId;
        f[8] = Checksum(f);
        f[9] = Tail;
        return f;
    }
}
