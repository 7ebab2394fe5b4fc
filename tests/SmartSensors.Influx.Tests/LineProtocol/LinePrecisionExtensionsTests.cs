using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Influx.Tests.LineProtocol;

public sealed class LinePrecisionExtensionsTests
{
    [Theory]
    [InlineData(LinePrecision.Nanoseconds, "ns", "ns")]
    [InlineData(LinePrecision.Microseconds, "u", "us")]
    [InlineData(LinePrecision.Milliseconds, "ms", "ms")]
    [InlineData(LinePrecision.Seconds, "s", "s")]
    public void ToQueryValue_EachPrecision_UsesTheApiSpelling(LinePrecision precision, string v1, string v2)
    {
        Assert.Equal(v1, precision.ToV1QueryValue());
        Assert.Equal(v2, precision.ToV2QueryValue());
    }

    [Fact]
    public void IsInRange_Extremes_MatchInfluxDbLimits()
    {
        Assert.True(LinePrecision.Nanoseconds.IsInRange(long.MaxValue - 1));
        Assert.False(LinePrecision.Nanoseconds.IsInRange(long.MaxValue));
        Assert.True(LinePrecision.Nanoseconds.IsInRange(long.MinValue + 2));
        Assert.False(LinePrecision.Nanoseconds.IsInRange(long.MinValue + 1));
        Assert.True(LinePrecision.Seconds.IsInRange(9_223_372_036));
        Assert.False(LinePrecision.Seconds.IsInRange(9_223_372_037));
        Assert.True(LinePrecision.Seconds.IsInRange(-9_223_372_036));
        Assert.False(LinePrecision.Seconds.IsInRange(-9_223_372_037));
    }

    [Fact]
    public void TryToTimestamp_Epoch_IsZeroInEveryPrecision()
    {
        foreach (LinePrecision precision in Enum.GetValues<LinePrecision>())
        {
            Assert.True(precision.TryToTimestamp(DateTimeOffset.UnixEpoch, out long value));
            Assert.Equal(0, value);
        }
    }

    [Fact]
    public void TryToTimestamp_FarFuture_IsRefused()
    {
        Assert.False(LinePrecision.Nanoseconds.TryToTimestamp(DateTimeOffset.MaxValue, out _));
        Assert.False(LinePrecision.Seconds.TryToTimestamp(DateTimeOffset.MaxValue, out _));
        Assert.False(LinePrecision.Nanoseconds.TryToTimestamp(DateTimeOffset.MinValue, out _));
    }
}
