using System.Text;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Influx.Tests.LineProtocol;

public sealed class LineProtocolWriterTests : IDisposable
{
    private const long ReferenceTime = 1465839830100400200;
    private readonly LineProtocolBuffer _buffer = new();

    public void Dispose() => _buffer.Dispose();

    private string Text => Encoding.UTF8.GetString(_buffer.WrittenSpan);

    private LineProtocolWriter NewWriter(LinePrecision precision = LinePrecision.Nanoseconds, bool unsigned = false) =>
        new(_buffer, precision, unsigned);

    // Examples from the InfluxDB 1.x line-protocol reference and tutorial
    // (docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference/).
    [Fact]
    public void Timestamp_ReferenceExamples_MatchTheReferenceText()
    {
        var w = NewWriter();
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("season", "summer").Tag("location", "us-midwest").Field("temperature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature", 82.0).Field("bug_concentration", 98.0).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature", 82L).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("too_hot", true).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature", "too warm").Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature", 82.0).EndLine();

        Assert.Equal(
            "weather,location=us-midwest temperature=82 1465839830100400200\n" +
            "weather,location=us-midwest,season=summer temperature=82 1465839830100400200\n" +
            "weather,location=us-midwest temperature=82,bug_concentration=98 1465839830100400200\n" +
            "weather,location=us-midwest temperature=82i 1465839830100400200\n" +
            "weather,location=us-midwest too_hot=true 1465839830100400200\n" +
            "weather,location=us-midwest temperature=\"too warm\" 1465839830100400200\n" +
            "weather,location=us-midwest temperature=82\n",
            Text);
        Assert.Equal(7, w.LineCount);
    }

    [Fact]
    public void Timestamp_ReferenceSpecialCharacterExamples_AreEscapedAsTheReferenceShows()
    {
        var w = NewWriter();
        w.Measurement("weather").Tag("location", "us,midwest").Field("temperature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temp=rature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location place", "us-midwest").Field("temperature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("wea,ther").Tag("location", "us-midwest").Field("temperature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("wea ther").Tag("location", "us-midwest").Field("temperature", 82.0).Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature", "too\"hot\"").Timestamp(ReferenceTime);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature_str", "too hot/cold").Timestamp(1465839830100401000);
        w.Measurement("weather").Tag("location", "us-midwest").Field("temperature_str", "too hot\\cold").Timestamp(1465839830100401000);

        Assert.Equal(
            "weather,location=us\\,midwest temperature=82 1465839830100400200\n" +
            "weather,location=us-midwest temp\\=rature=82 1465839830100400200\n" +
            "weather,location\\ place=us-midwest temperature=82 1465839830100400200\n" +
            "wea\\,ther,location=us-midwest temperature=82 1465839830100400200\n" +
            "wea\\ ther,location=us-midwest temperature=82 1465839830100400200\n" +
            "weather,location=us-midwest temperature=\"too\\\"hot\\\"\" 1465839830100400200\n" +
            "weather,location=us-midwest temperature_str=\"too hot/cold\" 1465839830100401000\n" +
            "weather,location=us-midwest temperature_str=\"too hot\\\\cold\" 1465839830100401000\n",
            Text);
    }

    [Fact]
    public void Measurement_EqualsSignAndQuotes_AreNotEscaped()
    {
        NewWriter().Measurement("a=b\"c").Tag("k\"", "v\"").Field("f\"", 1L).Timestamp(1);
        Assert.Equal("a=b\"c,k\"=v\" f\"=1i 1\n", Text);
    }

    [Fact]
    public void Writer_BackslashNotBeforeSpecialCharacter_IsWrittenLiterally()
    {
        NewWriter().Measurement("m\\x").Tag("a\\b", "c\\d").Field("f\\g", "s\\t").Timestamp(1);
        Assert.Equal("m\\x,a\\b=c\\d f\\g=\"s\\\\t\" 1\n", Text);
    }

    [Fact]
    public void Field_Floats_AreShortestRoundTrip()
    {
        double[] values = [0.1, -0.0, 1e21, 5e-324, double.MaxValue, double.MinValue, -1e-5, 12.5, 1.0 / 3.0];
        var w = NewWriter();
        foreach (double value in values)
        {
            w.Measurement("m").Field("f", value).Timestamp(1);
        }

        string[] lines = Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(values.Length, lines.Length);
        for (int i = 0; i < values.Length; i++)
        {
            string number = lines[i]["m f=".Length..lines[i].LastIndexOf(' ')];
            Assert.Equal(values[i], double.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
            Assert.DoesNotContain("i", number, StringComparison.Ordinal);
        }

        Assert.StartsWith("m f=0.1 1\nm f=-0 1\nm f=1E+21 1\nm f=5E-324 1\n", Text);
    }

    [Fact]
    public void Field_ShortDecimals_SameTextAsTheGeneralFormatter()
    {
        // The writer formats decimals with few fractional digits on a fast path: it must write exactly what
        // double.TryFormat writes (shortest round trip), and the general formatter must take over everywhere else.
        var random = new Random(20261121);
        var values = new List<double> { 0, -0.0, 1e-4, -1e-4, 9.9999e-5, 1e15, 999_999_999_999_999, 1e15 - 0.125, 0.1, 0.2, 0.3, 1.0 / 3, 2.675, 1e14 + 0.015625 };
        for (int i = 0; i < 200_000; i++)
        {
            int decimals = random.Next(0, 11);
            long mantissa = random.NextInt64(-10_000_000_000, 10_000_000_000) / (long)Math.Pow(10, random.Next(0, 10));
            values.Add(mantissa / Math.Pow(10, decimals));
            values.Add(BitConverter.Int64BitsToDouble(random.NextInt64()));
            values.Add((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 17)));
        }

        Span<byte> fast = stackalloc byte[64];
        Span<byte> general = stackalloc byte[64];
        int taken = 0;
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            Assert.True(value.TryFormat(general, out int expected, default, System.Globalization.CultureInfo.InvariantCulture));
            if (LineProtocolWriter.TryFormatShortDecimal(value, fast, out int written))
            {
                taken++;
                Assert.True(general[..expected].SequenceEqual(fast[..written]),
                    $"{value:R}: fast path wrote '{Encoding.ASCII.GetString(fast[..written])}', expected '{Encoding.ASCII.GetString(general[..expected])}'");
            }
        }

        Assert.True(taken > 100_000, $"fast path taken for {taken} values only");
        Assert.False(LineProtocolWriter.TryFormatShortDecimal(-0.0, fast, out _));
        Assert.False(LineProtocolWriter.TryFormatShortDecimal(1.0 / 3, fast, out _));
    }

    [Fact]
    public void Series_SameKeyAsMeasurementAndTags_AndNoMoreTags()
    {
        var key = LineSeriesKey.Create("weather", ("site", "queens square"), ("gateway", "gw,1"), ("sensor", "bme280=1"));
        var w = NewWriter();

        w.Series(key).Field("temperature", 11.37).Field("count", 3L).Timestamp(5);
        w.Measurement("weather").Tag("site", "queens square").Tag("gateway", "gw,1").Tag("sensor", "bme280=1")
            .Field("temperature", 11.37).Field("count", 3L).Timestamp(5);
        var lines = Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("weather,gateway=gw\\,1,sensor=bme280\\=1,site=queens\\ square temperature=11.37,count=3i 5", lines[0]);
        Assert.Equal(lines[1], lines[0]);
        var refused = Assert.Throws<LineProtocolException>(() => w.Series(key).Tag("extra", "x"));
        Assert.Equal(LineProtocolElement.TagKey, refused.Element);
        Assert.Equal(2, w.LineCount);
        Assert.Throws<LineProtocolException>(() => LineSeriesKey.Create("weather", ("site", "a\nb")));
        Assert.Throws<LineProtocolException>(() => LineSeriesKey.Create("m", ("k", "1"), ("k", "2")));
    }

    [Fact]
    public void Field_IntegerExtremesAndBooleans_AreWrittenExactly()
    {
        NewWriter().Measurement("m").Field("a", long.MinValue).Field("b", long.MaxValue).Field("c", 0L).Field("t", true).Field("f", false).Timestamp(0);
        Assert.Equal("m a=-9223372036854775808i,b=9223372036854775807i,c=0i,t=true,f=false 0\n", Text);
    }

    [Fact]
    public void Field_UnsignedWithoutServerSupport_WritesIntegerOrRefusesAboveInt64()
    {
        var w = NewWriter();
        w.Measurement("m").Field("u", (ulong)long.MaxValue).Timestamp(1);
        Assert.Equal("m u=9223372036854775807i 1\n", Text);

        var ex = Assert.Throws<LineProtocolException>(() => w.Measurement("m").Field("u", ulong.MaxValue));
        Assert.Equal(LineProtocolElement.FieldValue, ex.Element);
        Assert.Contains("unsigned", ex.Message, StringComparison.Ordinal);
        Assert.Equal("m u=9223372036854775807i 1\n", Text);
    }

    [Fact]
    public void Field_UnsignedWithServerSupport_UsesUSuffix()
    {
        NewWriter(unsigned: true).Measurement("m").Field("u", ulong.MaxValue).Timestamp(1);
        Assert.Equal("m u=18446744073709551615u 1\n", Text);
    }

    [Fact]
    public void Field_Unicode_IsWrittenAsUtf8()
    {
        NewWriter().Measurement("ué").Tag("t", "€ x").Field("f", "😀").Timestamp(1);
        Assert.Equal("ué,t=€\\ x f=\"😀\" 1\n", Text);
    }

    [Theory]
    [InlineData(LinePrecision.Seconds, "1465839830")]
    [InlineData(LinePrecision.Milliseconds, "1465839830100")]
    [InlineData(LinePrecision.Microseconds, "1465839830100400")]
    [InlineData(LinePrecision.Nanoseconds, "1465839830100400200")]
    public void Timestamp_Instant_IsTruncatedToPrecision(LinePrecision precision, string expected)
    {
        var instant = DateTimeOffset.UnixEpoch.AddTicks(1465839830100400200 / 100);
        NewWriter(precision).Measurement("m").Field("f", 1L).Timestamp(instant);
        Assert.Equal($"m f=1i {expected}\n", Text);
    }

    [Fact]
    public void Timestamp_InstantBeforeEpoch_FloorsTowardsThePast()
    {
        NewWriter(LinePrecision.Seconds).Measurement("m").Field("f", 1L).Timestamp(DateTimeOffset.UnixEpoch.AddMilliseconds(-1));
        Assert.Equal("m f=1i -1\n", Text);
    }

    [Fact]
    public void Tag_Unsorted_IsWrittenSortedByKey()
    {
        NewWriter().Measurement("air_quality").Tag("site", "queens-square").Tag("gateway", "gw-1").Tag("sensor", "sds011").Field("pm25", 12.5).Timestamp(1);
        Assert.Equal("air_quality,gateway=gw-1,sensor=sds011,site=queens-square pm25=12.5 1\n", Text);
    }

    public static TheoryData<string, LineProtocolElement, string> HostileInputs() => new()
    {
        { "measurement-empty", LineProtocolElement.Measurement, "empty" },
        { "measurement-newline", LineProtocolElement.Measurement, "newline" },
        { "measurement-cr", LineProtocolElement.Measurement, "newline" },
        { "measurement-comment", LineProtocolElement.Measurement, "comment" },
        { "measurement-trailing-backslash", LineProtocolElement.Measurement, "backslash" },
        { "measurement-lone-surrogate", LineProtocolElement.Measurement, "surrogate" },
        { "measurement-backslash-before-space", LineProtocolElement.Measurement, "backslash directly before" },
        { "measurement-backslash-before-comma", LineProtocolElement.Measurement, "backslash directly before" },
        { "tagvalue-backslash-before-quote", LineProtocolElement.TagValue, "backslash directly before" },
        { "tagkey-backslash-before-equals", LineProtocolElement.TagKey, "backslash directly before" },
        { "tagkey-empty", LineProtocolElement.TagKey, "empty" },
        { "tagkey-time", LineProtocolElement.TagKey, "reserved" },
        { "tagkey-duplicate", LineProtocolElement.TagKey, "twice" },
        { "tagkey-after-field", LineProtocolElement.TagKey, "before the first field" },
        { "tagvalue-empty", LineProtocolElement.TagValue, "empty" },
        { "tagvalue-newline", LineProtocolElement.TagValue, "newline" },
        { "tagvalue-trailing-backslash", LineProtocolElement.TagValue, "backslash" },
        { "tagvalue-too-long", LineProtocolElement.TagValue, "longer" },
        { "fieldkey-empty", LineProtocolElement.FieldKey, "empty" },
        { "fieldkey-time", LineProtocolElement.FieldKey, "reserved" },
        { "fieldkey-newline", LineProtocolElement.FieldKey, "newline" },
        { "fieldkey-lone-surrogate", LineProtocolElement.FieldKey, "surrogate" },
        { "fieldkey-backslash-before-space", LineProtocolElement.FieldKey, "backslash directly before" },
        { "fieldkey-backslash-before-comma", LineProtocolElement.FieldKey, "backslash directly before" },
        { "fieldkey-backslash-before-equals", LineProtocolElement.FieldKey, "backslash directly before" },
        { "field-nan", LineProtocolElement.FieldValue, "finite" },
        { "field-positive-infinity", LineProtocolElement.FieldValue, "finite" },
        { "field-negative-infinity", LineProtocolElement.FieldValue, "finite" },
        { "field-string-newline", LineProtocolElement.FieldValue, "newline" },
        { "field-string-too-long", LineProtocolElement.FieldValue, "limit" },
        { "field-string-too-long-utf8", LineProtocolElement.FieldValue, "limit" },
        { "field-string-lone-surrogate", LineProtocolElement.FieldValue, "surrogate" },
        { "no-fields", LineProtocolElement.Point, "at least one field" },
        { "no-measurement", LineProtocolElement.Point, "Measurement() must be called first" },
        { "unfinished-previous", LineProtocolElement.Point, "not finished" },
        { "timestamp-too-large", LineProtocolElement.Timestamp, "range" },
        { "timestamp-too-small", LineProtocolElement.Timestamp, "range" },
        { "timestamp-seconds-overflow", LineProtocolElement.Timestamp, "range" },
        { "timestamp-instant-out-of-range", LineProtocolElement.Timestamp, "range" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Writer_HostileInput_IsRefusedWithReasonAndLeavesOnlyCompleteLines(string scenario, LineProtocolElement element, string reason)
    {
        var w = NewWriter();
        w.Measurement("ok").Field("f", 1L).Timestamp(1);
        string before = Text;
        Action attempt = scenario switch
        {
            "measurement-empty" => () => w.Measurement(""),
            "measurement-newline" => () => w.Measurement("a\nb"),
            "measurement-cr" => () => w.Measurement("a\rb"),
            "measurement-comment" => () => w.Measurement("#m"),
            "measurement-trailing-backslash" => () => w.Measurement("m\\"),
            "measurement-lone-surrogate" => () => w.Measurement("m\ud800x"),
            "measurement-backslash-before-space" => () => w.Measurement("a\\ b"),
            "measurement-backslash-before-comma" => () => w.Measurement("a\\,b"),
            "tagkey-empty" => () => w.Measurement("m").Tag("", "v"),
            "tagkey-time" => () => w.Measurement("m").Tag("time", "v"),
            "tagkey-duplicate" => () => w.Measurement("m").Tag("k", "a").Tag("k", "b").Field("f", 1L),
            "tagkey-after-field" => () => w.Measurement("m").Field("f", 1L).Tag("k", "v"),
            "tagvalue-empty" => () => w.Measurement("m").Tag("k", ""),
            "tagvalue-newline" => () => w.Measurement("m").Tag("k", "a\nb"),
            "tagvalue-trailing-backslash" => () => w.Measurement("m").Tag("k", "a\\"),
            "tagvalue-too-long" => () => w.Measurement("m").Tag("k", new string('x', LineProtocolWriter.MaxLength + 1)),
            "fieldkey-empty" => () => w.Measurement("m").Field("", 1L),
            "fieldkey-time" => () => w.Measurement("m").Field("time", 1L),
            "fieldkey-newline" => () => w.Measurement("m").Field("a\nb", 1L),
            "fieldkey-lone-surrogate" => () => w.Measurement("m").Tag("t", "v").Field("a\udc00", 1L),
            "fieldkey-backslash-before-space" => () => w.Measurement("m").Field("a\\ b", 1L),
            "fieldkey-backslash-before-comma" => () => w.Measurement("m").Field("g", 1L).Field("a\\,b", 1L),
            "fieldkey-backslash-before-equals" => () => w.Measurement("m").Field("a\\=b", 1L),
            "tagvalue-backslash-before-quote" => () => w.Measurement("m").Tag("k", "a\\\"b"),
            "tagkey-backslash-before-equals" => () => w.Measurement("m").Tag("a\\=b", "v"),
            "field-nan" => () => w.Measurement("m").Field("f", double.NaN),
            "field-positive-infinity" => () => w.Measurement("m").Field("f", double.PositiveInfinity),
            "field-negative-infinity" => () => w.Measurement("m").Field("g", 1L).Field("f", double.NegativeInfinity),
            "field-string-newline" => () => w.Measurement("m").Field("f", "a\nb"),
            "field-string-too-long" => () => w.Measurement("m").Field("f", new string('x', LineProtocolWriter.MaxLength + 1)),
            "field-string-too-long-utf8" => () => w.Measurement("m").Field("f", new string('€', LineProtocolWriter.MaxLength / 2)),
            "field-string-lone-surrogate" => () => w.Measurement("m").Field("f", "\ud83d"),
            "no-fields" => () => w.Measurement("m").Tag("k", "v").Timestamp(1),
            "no-measurement" => () => w.Field("f", 1L),
            "unfinished-previous" => () => w.Measurement("m").Field("f", 1L).Measurement("n"),
            "timestamp-too-large" => () => w.Measurement("m").Field("f", 1L).Timestamp(long.MaxValue),
            "timestamp-too-small" => () => w.Measurement("m").Field("f", 1L).Timestamp(long.MinValue),
            "timestamp-seconds-overflow" => () => new LineProtocolWriter(_buffer, LinePrecision.Seconds).Measurement("m").Field("f", 1L).Timestamp(10_000_000_000L),
            "timestamp-instant-out-of-range" => () => w.Measurement("m").Field("f", 1L).Timestamp(new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var ex = Assert.Throws<LineProtocolException>(attempt);

        Assert.Equal(element, ex.Element);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Text);
        Assert.Equal(1, w.LineCount);
        // The writer is usable again after a refusal.
        w.Measurement("ok").Field("f", 2L).Timestamp(2);
        Assert.Equal(before + "ok f=2i 2\n", Text);
    }

    [Fact]
    public void Writer_ManyTags_GrowsAndSorts()
    {
        var w = NewWriter();
        w.Measurement("m");
        for (int i = 19; i >= 0; i--)
        {
            w.Tag($"k{i:D2}", "v");
        }

        w.Field("f", 1L).Timestamp(1);
        string expectedTags = string.Concat(Enumerable.Range(0, 20).Select(i => $",k{i:D2}=v"));
        Assert.Equal($"m{expectedTags} f=1i 1\n", Text);
    }

    [Fact]
    public void Writer_LargeBatch_GrowsTheBufferAndKeepsEveryLine()
    {
        var w = NewWriter(LinePrecision.Seconds);
        for (int i = 0; i < 50_000; i++)
        {
            w.Measurement("m").Tag("s", "x").Field("v", (long)i).Timestamp(i);
        }

        Assert.Equal(50_000, w.LineCount);
        string[] lines = Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(50_000, lines.Length);
        Assert.Equal("m,s=x v=49999i 49999", lines[^1]);
    }
}
