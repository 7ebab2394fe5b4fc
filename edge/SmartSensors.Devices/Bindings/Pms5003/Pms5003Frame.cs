namespace SmartSensors.Devices.Bindings.Pms5003;

/// <summary>
/// PMS5003 frame codec (Plantower PMS5003 data manual, "transport protocol – active mode"). Pure, no I/O.
/// 32 bytes: <c>42 4D</c>, frame length 28 (big-endian), 13 big-endian data words, 16-bit checksum = sum of bytes 0..29.
/// </summary>
public static class Pms5003Frame
{
    public const int Length = 32;
    public const byte Start1 = 0x42;
    public const byte Start2 = 0x4D;
    public const int PayloadLength = 28;

    internal static int Measure(ReadOnlySpan<byte> buffered)
    {
        if (buffered.Length >= 2 && buffered[1] != Start2)
        {
            return -1;
        }

        if (buffered.Length >= 4 && ((buffered[2] << 8) | buffered[3]) != PayloadLength)
        {
            return -1;
        }

        if (buffered.Length < Length)
        {
            return 0;
        }

        return Checksum(buffered) == ((buffered[30] << 8) | buffered[31]) ? Length : -1;
    }

    /// <summary>Sum of bytes 0..29.</summary>
    public static int Checksum(ReadOnlySpan<byte> frame)
    {
        var sum = 0;
        for (var i = 0; i < 30; i++)
        {
            sum += frame[i];
        }

        return sum & 0xFFFF;
    }

    /// <summary>Data word n (1-13).</summary>
    public static int Word(ReadOnlySpan<byte> frame, int n) => (frame[2 + (2 * n)] << 8) | frame[3 + (2 * n)];

    public static bool TryDecode(ReadOnlySpan<byte> frame, out Pms5003Reading reading)
    {
        reading = default;
        if (frame.Length != Length || frame[0] != Start1 || Measure(frame) != Length)
        {
            return false;
        }

        reading = new Pms5003Reading(Word(frame, 4), Word(frame, 5), Word(frame, 6), Word(frame, 1), Word(frame, 2), Word(frame, 3));
        return true;
    }

    /// <summary>Encodes a frame with the given atmospheric values (standard values equal, particle counts plausible).</summary>
    public static byte[] Encode(int pm1, int pm25, int pm10)
    {
        var f = new byte[Length];
        f[0] = Start1;
        f[1] = Start2;
        f[3] = PayloadLength;
        int[] words = [pm1, pm25, pm10, pm1, pm25, pm10, pm1 * 60, pm25 * 18, pm25 * 3, pm10 / 2, pm10 / 8, pm10 / 20, 0x9700];
        for (var i = 0; i < words.Length; i++)
        {
            var w = Math.Clamp(words[i], 0, 0xFFFF);
            f[4 + (2 * i)] = (byte)(w >> 8);
            f[5 + (2 * i)] = (byte)w;
        }

        var sum = Checksum(f);
        f[30] = (byte)(sum >> 8);
        f[31] = (byte)sum;
        return f;
    }
}
