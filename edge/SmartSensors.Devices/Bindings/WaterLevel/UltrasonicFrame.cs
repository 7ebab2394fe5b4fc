namespace SmartSensors.Devices.Bindings.WaterLevel;

/// <summary>Frame codecs for serial ultrasonic distance sensors. Pure, no I/O.</summary>
public static class UltrasonicFrame
{
    public const byte A02Head = 0xFF;
    public const int A02Length = 4;
    public const byte MaxBotixHead = (byte)'R';
    public const int MaxBotixLength = 6;

    /// <summary>Largest distance each format reports as a real echo, in mm (A02YYUW: 4500; MB7389: 4999, 5000 = no target).</summary>
    public static int MaxRangeMm(UltrasonicFormat format) => format == UltrasonicFormat.A02yyuw ? 4500 : 4999;

    /// <summary>Smallest distance reported as a real echo (inside the blind zone the sensors report junk or the minimum).</summary>
    public static int MinRangeMm(UltrasonicFormat format) => format == UltrasonicFormat.A02yyuw ? 30 : 300;

    internal static int MeasureA02(ReadOnlySpan<byte> b)
    {
        if (b.Length < A02Length)
        {
            return 0;
        }

        return (byte)(b[0] + b[1] + b[2]) == b[3] ? A02Length : -1;
    }

    internal static int MeasureMaxBotix(ReadOnlySpan<byte> b)
    {
        var n = Math.Min(b.Length, MaxBotixLength);
        for (var i = 1; i < n && i < 5; i++)
        {
            if (b[i] is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }
        }

        if (b.Length < MaxBotixLength)
        {
            return 0;
        }

        return b[5] == (byte)'\r' ? MaxBotixLength : -1;
    }

    /// <summary>Decodes one frame to a distance in mm.</summary>
    public static bool TryDecode(UltrasonicFormat format, ReadOnlySpan<byte> frame, out int millimetres)
    {
        millimetres = 0;
        if (format == UltrasonicFormat.A02yyuw)
        {
            if (frame.Length != A02Length || frame[0] != A02Head || MeasureA02(frame) != A02Length)
            {
                return false;
            }

            millimetres = (frame[1] << 8) | frame[2];
            return true;
        }

        if (frame.Length != MaxBotixLength || frame[0] != MaxBotixHead || MeasureMaxBotix(frame) != MaxBotixLength)
        {
            return false;
        }

        for (var i = 1; i <= 4; i++)
        {
            millimetres = (millimetres * 10) + (frame[i] - '0');
        }

        return true;
    }

    public static byte[] Encode(UltrasonicFormat format, int millimetres)
    {
        if (format == UltrasonicFormat.A02yyuw)
        {
            var mm = Math.Clamp(millimetres, 0, 0xFFFF);
            var h = (byte)(mm >> 8);
            var l = (byte)mm;
            return [A02Head, h, l, (byte)(A02Head + h + l)];
        }

        var v = Math.Clamp(millimetres, 0, 9999);
        return [MaxBotixHead, (byte)('0' + (v / 1000)), (byte)('0' + (v / 100 % 10)), (byte)('0' + (v / 10 % 10)), (byte)('0' + (v % 10)), (byte)'\r'];
    }
}
