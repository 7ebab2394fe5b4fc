namespace SmartSensors.Influx.LineProtocol;

/// <summary>Conversions between <see cref="LinePrecision"/>, query-string values and timestamps.</summary>
public static class LinePrecisionExtensions
{
    // InfluxDB's valid time range (models.MinNanoTime / MaxNanoTime): int64 min + 2 .. int64 max - 1,
    // because the two extremes are used internally as sentinels.
    internal const long MinNanoseconds = long.MinValue + 2;
    internal const long MaxNanoseconds = long.MaxValue - 1;

    /// <summary>The value of the v1 API's <c>precision</c> parameter. InfluxDB 1.x spells microseconds <c>u</c>
    /// (it silently reads an unknown <c>us</c> as nanoseconds — measured on 1.6.7).</summary>
    public static string ToV1QueryValue(this LinePrecision precision) => precision switch
    {
        LinePrecision.Nanoseconds => "ns",
        LinePrecision.Microseconds => "u",
        LinePrecision.Milliseconds => "ms",
        LinePrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>The value of the v2 API's <c>precision</c> parameter (<c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>).</summary>
    public static string ToV2QueryValue(this LinePrecision precision) => precision switch
    {
        LinePrecision.Nanoseconds => "ns",
        LinePrecision.Microseconds => "us",
        LinePrecision.Milliseconds => "ms",
        LinePrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>Nanoseconds in one unit of the precision.</summary>
    public static long NanosecondsPerUnit(this LinePrecision precision) => precision switch
    {
        LinePrecision.Nanoseconds => 1L,
        LinePrecision.Microseconds => 1_000L,
        LinePrecision.Milliseconds => 1_000_000L,
        LinePrecision.Seconds => 1_000_000_000L,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>
    /// Converts an instant to a timestamp in this precision, truncating towards the past (floor) so that
    /// every instant inside one unit maps to the same timestamp. Returns false when the instant is outside
    /// the range InfluxDB can store (about 1677-09-21 to 2262-04-11).
    /// </summary>
    public static bool TryToTimestamp(this LinePrecision precision, DateTimeOffset instant, out long timestamp)
    {
        long ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks; // 100 ns units
        switch (precision)
        {
            case LinePrecision.Nanoseconds:
                // ticks * 100 must fit in the valid nanosecond range.
                if (ticks > MaxNanoseconds / 100 || ticks < MinNanoseconds / 100)
                {
                    timestamp = 0;
                    return false;
                }

                timestamp = ticks * 100;
                return true;
            case LinePrecision.Microseconds:
                timestamp = FloorDiv(ticks, 10);
                break;
            case LinePrecision.Milliseconds:
                timestamp = FloorDiv(ticks, TimeSpan.TicksPerMillisecond);
                break;
            case LinePrecision.Seconds:
                timestamp = FloorDiv(ticks, TimeSpan.TicksPerSecond);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision.");
        }

        return IsInRange(precision, timestamp);
    }

    /// <summary>True when a timestamp in this precision lies within InfluxDB's storable range.</summary>
    public static bool IsInRange(this LinePrecision precision, long timestamp)
    {
        long perUnit = precision.NanosecondsPerUnit();
        // Integer division truncates towards zero: that is the ceiling for the (negative) minimum and the
        // floor for the maximum, exactly the units whose nanosecond value stays in range.
        return timestamp >= MinNanoseconds / perUnit && timestamp <= MaxNanoseconds / perUnit;
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
