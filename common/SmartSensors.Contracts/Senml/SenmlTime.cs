namespace SmartSensors.Contracts;

/// <summary>
/// Converts between SenML times (seconds, a double) and <see cref="DateTimeOffset"/>. The contract carries times
/// to the microsecond: a double holds a present-day Unix time to about 0.24 µs, so rounding to the nearest
/// microsecond gives back exactly what the gateway wrote.
/// </summary>
public static class SenmlTime
{
    private const long TicksPerMicrosecond = 10;

    /// <summary>Unix seconds (fractional) to an instant, rounded to the microsecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is not finite or outside the <see cref="DateTimeOffset"/> range.</exception>
    public static DateTimeOffset FromUnixSeconds(double seconds)
    {
        if (!TryFromUnixSeconds(seconds, out var instant))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Not a representable Unix time.");
        }

        return instant;
    }

    /// <summary>Unix seconds (fractional) to an instant, rounded to the microsecond; false when not representable.</summary>
    public static bool TryFromUnixSeconds(double seconds, out DateTimeOffset instant)
    {
        // DateTimeOffset covers years 1..9999: about -6.2e10 .. 2.5e11 Unix seconds.
        if (!double.IsFinite(seconds) || seconds < -62_135_596_800d || seconds > 253_402_300_799d)
        {
            instant = default;
            return false;
        }

        var micros = Math.Round(seconds * 1_000_000d, MidpointRounding.AwayFromZero);
        instant = DateTimeOffset.UnixEpoch.AddTicks((long)micros * TicksPerMicrosecond);
        return true;
    }

    /// <summary>An instant to Unix seconds, truncated to the microsecond.</summary>
    public static double ToUnixSeconds(DateTimeOffset instant) =>
        TruncateToMicroseconds(instant).Subtract(DateTimeOffset.UnixEpoch).Ticks / 10_000_000d;

    /// <summary>Drops sub-microsecond ticks (what the wire cannot carry).</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);

    internal static long SecondsToTicks(double seconds) =>
        (long)Math.Round(seconds * 1_000_000d, MidpointRounding.AwayFromZero) * TicksPerMicrosecond;
}
