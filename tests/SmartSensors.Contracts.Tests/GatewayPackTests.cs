using System.Buffers;
using System.Text;

namespace SmartSensors.Contracts.Tests;

public sealed class GatewayPackTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private static GatewayPackDecoder Decoder(PackDecoderOptions? options = null) =>
        new(options ?? new PackDecoderOptions(), new FixedTimeProvider(Now));

    private static GatewayPack SamplePack()
    {
        var t0 = Now.AddMinutes(-10).AddTicks(1_234_560); // microsecond-aligned, fractional second
        return new GatewayPack("gw-01", "queens-square", GatewayPack.MaxSequence, [
            Reading.Of("bme280-1", Quantities.Temperature, -3.25, t0),
            Reading.Of("bme280-1", Quantities.Humidity, 87.5, t0),
            Reading.Of("bme280-1", Quantities.Pressure, 1002.83, t0),
            Reading.Of("sds011-1", Quantities.Pm25, 123.6, t0.AddSeconds(-30)),
            Reading.Of("sds011-1", Quantities.Pm10, 261.8, t0.AddSeconds(-30)),
            Reading.Of("scd41-1", Quantities.Co2, 415, t0.AddMilliseconds(1500)),
            Reading.Of("bed-14", Quantities.Moisture, 23.7, t0.AddMinutes(1)),
            Reading.Of("river-1", Quantities.Level, -0.412, t0.AddMinutes(2)),
            Reading.Of("river-1", Quantities.Distance, 1.953, t0.AddMinutes(2)),
            Reading.Of("beam-1", Quantities.Count, 1234, t0.AddMinutes(3)),
            Reading.Of("beam-1", Quantities.In, 700, t0.AddMinutes(3)),
            Reading.Of("beam-1", Quantities.Out, 534, t0.AddMinutes(3)),
            Reading.Of("gw", Quantities.OutboxDepth, 0, t0.AddMinutes(4)),
            Reading.Of("gw", Quantities.OldestUnsentAge, 12.5, t0.AddMinutes(4)),
            Reading.Of("gw", Quantities.Evicted, 3, t0.AddMinutes(4)),
            Reading.Of("gw", Quantities.SensorErrors, 1, t0.AddMinutes(4)),
            Reading.Of("gw", Quantities.CpuTemperature, 48.7, t0.AddMinutes(4)),
            Reading.Of("bme280-1", Quantities.Temperature, -3.5, t0.AddTicks(10)),
        ]);
    }

    [Fact]
    public void EncodeDecode_PackOfEveryKind_SameReadingsSequenceAndCaptureTimes()
    {
        var pack = SamplePack();

        var result = Decoder().Decode(pack.Topic, GatewayPackEncoder.Encode(pack));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(pack.Gateway, result.Pack!.Gateway);
        Assert.Equal(pack.Site, result.Pack.Site);
        Assert.Equal(pack.Sequence, result.Pack.Sequence);
        Assert.Equal(pack.Readings, result.Pack.Readings);
    }

    [Fact]
    public void Encode_SmallPack_ExactDocumentedJson()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_250);
        var pack = new GatewayPack("gw-01", "queens-square", 42, [
            Reading.Of("bme280-1", Quantities.Temperature, 21.5, at),
            Reading.Of("bme280-1", Quantities.Humidity, 55, at),
            Reading.Of("sds011-1", Quantities.Pm25, 12.3, at.AddSeconds(-30)),
        ]);

        var json = Encoding.UTF8.GetString(GatewayPackEncoder.Encode(pack));

        Assert.Equal(
            """[{"bn":"urn:dev:ss:gw-01:","bt":1767225570.25,"bver":26,"n":"seq","v":42},"""
            + """{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5,"t":30},"""
            + """{"n":"humidity","u":"%RH","v":55,"t":30},"""
            + """{"bn":"urn:dev:ss:gw-01:sds011-1:","n":"pm2_5","u":"ug/m3","v":12.3}]""",
            json);
    }

    [Fact]
    public void Encode_OnlyPrimaryUnits_NoBver()
    {
        var pack = new GatewayPack("gw-01", "park", 1, [Reading.Of("bme280-1", Quantities.Temperature, 20, Now)]);

        var json = Encoding.UTF8.GetString(GatewayPackEncoder.Encode(pack));

        Assert.DoesNotContain("bver", json, StringComparison.Ordinal);
        Assert.True(Decoder().Decode(pack.Topic, Encoding.UTF8.GetBytes(json)).IsValid);
    }

    [Fact]
    public void Encode_IntoBufferWriter_AppendsAfterExistingBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("xx"u8);

        GatewayPackEncoder.Encode(SamplePack(), buffer);

        Assert.Equal((byte)'x', buffer.WrittenSpan[1]);
        Assert.True(Decoder().Decode(SamplePack().Topic, buffer.WrittenSpan[2..]).IsValid);
    }

    [Fact]
    public void Encode_InvalidReadings_ThrowsNamingEveryReason()
    {
        var pack = new GatewayPack("gw-01", "park", 1, [
            Reading.Of("bme280-1", Quantities.Temperature, double.NaN, Now),
            Reading.Of("BAD ID", Quantities.Humidity, 50, Now),
            new Reading("bme280-1", SensorKind.Weather, "temperature", 20, "K", Now),
            Reading.Of("beam-1", Quantities.Count, 2.5, Now),
            new Reading("x", SensorKind.Weather, "warp_speed", 1, "/", Now),
        ]);

        var ex = Assert.Throws<ArgumentException>(() => GatewayPackEncoder.Encode(pack));

        foreach (var code in new[] { ReasonCodes.NotFinite, ReasonCodes.InvalidBaseName, ReasonCodes.UnitMismatch, ReasonCodes.NotInteger, ReasonCodes.UnknownQuantity })
        {
            Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_GoodPack_NoErrors()
    {
        Assert.Empty(GatewayPackEncoder.Validate(SamplePack()));
    }

    [Fact]
    public void Validate_EmptyPackOrBadSequence_Refused()
    {
        Assert.Contains(GatewayPackEncoder.Validate(new GatewayPack("gw-01", "park", 1, [])), e => e.Code == ReasonCodes.NoReadings);
        var negative = new GatewayPack("gw-01", "park", -1, [Reading.Of("a", Quantities.Temperature, 1, Now)]);
        Assert.Contains(GatewayPackEncoder.Validate(negative), e => e.Code == ReasonCodes.InvalidSequence);
    }

    [Fact]
    public void Decode_GatewayBaseNameWithSensorInName_AlsoAccepted()
    {
        // The other legal shape: one base name per gateway, n = {sensor}:{quantity}.
        var payload = """
            [{"bn":"urn:dev:ss:gw-01:","bt":1773480000,"bver":26,"n":"seq","v":5},
             {"n":"bme280-1:temperature","u":"Cel","v":12.5},
             {"n":"sds011-1:pm10","u":"ug/m3","v":30,"t":-1.5}]
            """u8;

        var result = Decoder().Decode("ss/v1/park/gw-01/readings", payload);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(
            [("bme280-1", "temperature", 12.5, DateTimeOffset.FromUnixTimeSeconds(1_773_480_000)), ("sds011-1", "pm10", 30d, DateTimeOffset.FromUnixTimeMilliseconds(1_773_479_998_500))],
            result.Pack!.Readings.Select(r => (r.SensorId, r.Quantity, r.Value, r.CaptureTime)));
        Assert.Equal(SensorKind.AirQuality, result.Pack.Readings[1].Kind);
    }

    [Fact]
    public void Decode_PackWithSeveralProblems_ReportsEveryReason()
    {
        var payload = """
            [{"bn":"urn:dev:ss:gw-02:","bt":1773480000,"bver":26,"n":"seq","v":5},
             {"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":99},
             {"n":"humidity","u":"bogus","v":50},
             {"n":"pressure","u":"hPa","v":1000,"t":86400},
             {"n":"rainbow","u":"/","v":1}]
            """u8;

        var result = Decoder().Decode("ss/v1/park/gw-01/readings", payload);

        Assert.False(result.IsValid);
        Assert.Equal(
            [ReasonCodes.UnknownUnit, ReasonCodes.TopicGatewayMismatch, ReasonCodes.OutOfRange, ReasonCodes.FutureTimestamp, ReasonCodes.UnknownQuantity],
            result.Errors.Select(e => e.Code));
        Assert.Equal(5, result.Sequence);
    }

    [Fact]
    public void Decode_StatusTopic_InvalidTopic()
    {
        var result = Decoder().Decode("ss/v1/park/gw-01/status", GatewayPackEncoder.Encode(SamplePack()));

        Assert.Equal(ReasonCodes.InvalidTopic, Assert.Single(result.Errors).Code);
        Assert.Null(result.Gateway);
    }

    [Theory]
    [InlineData(4, 5, true)]
    [InlineData(6, 5, false)]
    [InlineData(2, 1, false)]
    public void Decode_CaptureAheadOfClock_DependsOnConfiguredSkew(int minutesAhead, int skewMinutes, bool accepted)
    {
        var pack = new GatewayPack("gw-01", "park", 9, [Reading.Of("bme280-1", Quantities.Temperature, 10, Now.AddMinutes(minutesAhead))]);
        var options = new PackDecoderOptions { MaxFutureSkew = TimeSpan.FromMinutes(skewMinutes) };

        var result = Decoder(options).Decode(pack.Topic, GatewayPackEncoder.Encode(pack));

        Assert.Equal(accepted, result.IsValid);
        if (!accepted)
        {
            Assert.Equal(ReasonCodes.FutureTimestamp, Assert.Single(result.Errors).Code);
        }
    }

    [Fact]
    public void Decode_ReplayAfterLongOutage_KeepsOriginalCaptureTime()
    {
        var captured = Now.AddDays(-20);
        var pack = new GatewayPack("gw-01", "park", 77, [Reading.Of("river-1", Quantities.Level, 2.5, captured)]);

        var result = Decoder().Decode(pack.Topic, GatewayPackEncoder.Encode(pack));

        Assert.Equal(captured, Assert.Single(result.Pack!.Readings).CaptureTime);
    }

    [Fact]
    public void Decode_SubMicrosecondCaptureTime_TruncatedToMicrosecond()
    {
        var captured = Now.AddTicks(-1_234_567);
        var pack = new GatewayPack("gw-01", "park", 1, [Reading.Of("a", Quantities.Temperature, 1, captured)]);

        var result = Decoder().Decode(pack.Topic, GatewayPackEncoder.Encode(pack));

        Assert.Equal(SenmlTime.TruncateToMicroseconds(captured), result.Pack!.Readings[0].CaptureTime);
    }

    [Fact]
    public void Decode_PayloadOverConfiguredLimit_TooLarge()
    {
        var options = new PackDecoderOptions { MaxPayloadBytes = 128 };

        var result = Decoder(options).Decode(SamplePack().Topic, GatewayPackEncoder.Encode(SamplePack()));

        Assert.Equal(ReasonCodes.TooLarge, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Decode_ThousandReadingPack_AllReadingsBack()
    {
        var readings = Enumerable.Range(0, 1000)
            .Select(i => Reading.Of($"s-{i % 7}", Quantities.Temperature, (i % 100 * 0.5) - 20.5, Now.AddSeconds(-i)))
            .ToArray();
        var pack = new GatewayPack("gw-01", "park", 123_456, readings);

        var result = Decoder().Decode(pack.Topic, GatewayPackEncoder.Encode(pack));

        Assert.Equal(readings, result.Pack!.Readings);
    }

    [Fact]
    public void Decode_EveryHostileCaseTwiceOnOneThread_SameOutcomeBothTimes()
    {
        // The decoder memoises names and base-name splits per thread: a second sight of a payload must be judged
        // exactly as the first, whatever came in between.
        var decoder = new GatewayPackDecoder(new PackDecoderOptions(), new FixedTimeProvider(HostileCorpus.Now));
        var payloads = HostileCorpus.Cases.Select(c => c.Payload).Append(HostileCorpus.ValidPack).ToArray();
        var first = payloads.Select(p => Describe(decoder.Decode(HostileCorpus.Topic, p))).ToArray();
        var second = payloads.Reverse().Select(p => Describe(decoder.Decode(HostileCorpus.Topic, p))).Reverse().ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Decode_BaseNameWithBadCharacterInTwoPacks_RefusedBothTimes()
    {
        var payload = """
            [{"bn":"urn:dev:ss:gw-01:","bt":1773480000,"n":"seq","v":5},
             {"bn":"urn:dev:ss:gw-01:bme 280:","n":"temperature","u":"Cel","v":12.5},
             {"n":"pressure","u":"Pa","v":101000}]
            """u8.ToArray();
        var decoder = Decoder();

        foreach (var result in new[] { decoder.Decode("ss/v1/park/gw-01/readings", payload), decoder.Decode("ss/v1/park/gw-01/readings", payload) })
        {
            Assert.False(result.IsValid);
            Assert.Equal([ReasonCodes.InvalidName, ReasonCodes.InvalidName], result.Errors.Select(e => e.Code));
            Assert.Equal([1, 2], result.Errors.Select(e => e.Record));
        }
    }

    [Fact]
    public void Decode_NamesAndUnitsWithJsonEscapes_SameReadingsAsPlain()
    {
        var plain = """
            [{"bn":"urn:dev:ss:gw-01:","bt":1773480000,"bver":26,"n":"seq","v":5},
             {"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":12.5},
             {"bn":"urn:dev:ss:gw-01:sds011-1:","n":"pm10","u":"ug/m3","v":30}]
            """u8.ToArray();
        var escaped = """
            [{"bn":"urn:dev:ss:gw-01\u003a","bt":1773480000,"bver":26,"n":"s\u0065q","v":5},
             {"bn":"\u0075rn:dev:ss:gw-01:bme280-1:","n":"temperatur\u0065","u":"C\u0065l","v":12.5},
             {"bn":"urn:dev:ss:gw-01:sds011-1\u003a","n":"pm10","u":"ug\/m3","v":30}]
            """u8.ToArray();
        var decoder = Decoder();

        var expected = decoder.Decode("ss/v1/park/gw-01/readings", plain);
        var actual = decoder.Decode("ss/v1/park/gw-01/readings", escaped);

        Assert.True(expected.IsValid, string.Join("; ", expected.Errors));
        Assert.True(actual.IsValid, string.Join("; ", actual.Errors));
        Assert.Equal(expected.Pack!.Readings, actual.Pack!.Readings);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Decode_SameReadingTwice_RefusedAtTheSecond(int position)
    {
        // Small packs check duplicates by scanning, larger ones by hashing: both must find it.
        var t = Now.AddMinutes(-5);
        var readings = Enumerable.Range(0, 50).Select(i => Reading.Of($"s-{i}", Quantities.Temperature, 10, t)).ToList();
        var pack = new GatewayPack("gw-01", "park", 9, readings);
        var payload = Encoding.UTF8.GetString(GatewayPackEncoder.Encode(pack));
        // Give the sensor at `position` the name of sensor 1 (same quantity, same time): a duplicate.
        payload = payload.Replace($"urn:dev:ss:gw-01:s-{position}:", "urn:dev:ss:gw-01:s-1:", StringComparison.Ordinal);

        var result = Decoder().Decode(pack.Topic, Encoding.UTF8.GetBytes(payload));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ReasonCodes.DuplicateReading, error.Code);
        Assert.Equal(position + 1, error.Record); // record 0 is the sequence
    }

    private static string Describe(PackDecodeResult result) =>
        result.IsValid
            ? $"valid {result.Pack!.Sequence}: " + string.Join(", ", result.Pack.Readings)
            : string.Join("; ", result.Errors.Select(e => $"{e.Code}@{e.Record}: {e.Message}"));
}
