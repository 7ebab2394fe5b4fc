using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmartSensors.Contracts.Tests;

/// <summary>The RFC 8428 §5.1 examples, verbatim, and the resolution rules of §4.6.</summary>
public sealed class SenmlDecoderTests
{
    private static SenmlDecodeResult Decode(string json)
    {
        var result = SenmlDecoder.Decode(Encoding.UTF8.GetBytes(json));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result;
    }

    [Fact]
    public void Decode_Rfc8428SingleDatapoint_ResolvesToOneRecordAtNow()
    {
        var result = Decode("""
            [
              {"n":"urn:dev:ow:10e2073a01080063","u":"Cel","v":23.1}
            ]
            """);

        var record = Assert.Single(result.Records);
        Assert.Equal("urn:dev:ow:10e2073a01080063", record.Name);
        Assert.Equal("Cel", record.Unit);
        Assert.Equal(SenmlValueKind.Number, record.ValueKind);
        Assert.Equal(23.1, record.Value);
        Assert.False(record.IsAbsoluteTime);
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now, record.ResolveTime(now));
        Assert.Equal(SenmlVersion.Base, result.Version);
    }

    [Fact]
    public void Decode_Rfc8428MultipleDatapoints_AppliesBaseName()
    {
        var result = Decode("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063:","n":"voltage","u":"V","v":120.1},
              {"n":"current","u":"A","v":1.2}
            ]
            """);

        Assert.Collection(
            result.Records,
            r => Assert.Equal(("urn:dev:ow:10e2073a01080063:voltage", "V", 120.1), (r.Name, r.Unit, r.Value)),
            r => Assert.Equal(("urn:dev:ow:10e2073a01080063:current", "A", 1.2), (r.Name, r.Unit, r.Value)));
    }

    [Fact]
    public void Decode_Rfc8428MultipleDatapointsWithTime_AppliesBaseTimeUnitAndVersion()
    {
        var result = Decode("""
            [
              {"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,
               "bu":"A","bver":5,
               "n":"voltage","u":"V","v":120.1},
              {"n":"current","t":-5,"v":1.2},
              {"n":"current","t":-4,"v":1.3},
              {"n":"current","t":-3,"v":1.4},
              {"n":"current","t":-2,"v":1.5},
              {"n":"current","t":-1,"v":1.6},
              {"n":"current","v":1.7}
            ]
            """);

        Assert.Equal(5, result.Version);
        Assert.Equal(7, result.Records.Count);
        var voltage = result.Records[0];
        Assert.Equal(("urn:dev:ow:10e2073a0108006:voltage", "V", 120.1), (voltage.Name, voltage.Unit, voltage.Value));
        Assert.Equal(new DateTimeOffset(2010, 6, 8, 18, 1, 16, 1, TimeSpan.Zero), voltage.ResolveTime(DateTimeOffset.UnixEpoch));
        double[] currents = [1.2, 1.3, 1.4, 1.5, 1.6, 1.7];
        for (var i = 0; i < currents.Length; i++)
        {
            var record = result.Records[i + 1];
            Assert.Equal("urn:dev:ow:10e2073a0108006:current", record.Name);
            Assert.Equal("A", record.Unit);
            Assert.Equal(currents[i], record.Value);
            Assert.Equal(
                new DateTimeOffset(2010, 6, 8, 18, 1, 11 + i, 1, TimeSpan.Zero),
                record.ResolveTime(DateTimeOffset.UnixEpoch));
        }
    }

    private const string MultipleMeasurements = """
        [
          {"bn":"urn:dev:ow:10e2073a01080063","bt":1.320067464e+09,
           "bu":"%RH","v":20},
          {"u":"lon","v":24.30621},
          {"u":"lat","v":60.07965},
          {"t":60,"v":20.3},
          {"u":"lon","t":60,"v":24.30622},
          {"u":"lat","t":60,"v":60.07965},
          {"t":120,"v":20.7},
          {"u":"lon","t":120,"v":24.30623},
          {"u":"lat","t":120,"v":60.07966},
          {"u":"%EL","t":150,"v":98},
          {"t":180,"v":21.2},
          {"u":"lon","t":180,"v":24.30628},
          {"u":"lat","t":180,"v":60.07967}
        ]
        """;

    private const string ResolvedData = """
        [
          {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067464e+09,
           "v":20},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067464e+09,
           "v":24.30621},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067464e+09,
           "v":60.07965},
          {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067524e+09,
           "v":20.3},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067524e+09,
           "v":24.30622},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067524e+09,
           "v":60.07965},
          {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067584e+09,
           "v":20.7},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067584e+09,
           "v":24.30623},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067584e+09,
           "v":60.07966},
          {"n":"urn:dev:ow:10e2073a01080063","u":"%EL","t":1.320067614e+09,
           "v":98},
          {"n":"urn:dev:ow:10e2073a01080063","u":"%RH","t":1.320067644e+09,
           "v":21.2},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lon","t":1.320067644e+09,
           "v":24.30628},
          {"n":"urn:dev:ow:10e2073a01080063","u":"lat","t":1.320067644e+09,
           "v":60.07967}
        ]
        """;

    [Fact]
    public void Decode_Rfc8428MultipleMeasurements_EqualsTheRfcResolvedData()
    {
        var packed = Decode(MultipleMeasurements).Records;
        var resolved = Decode(ResolvedData).Records;

        Assert.Equal(13, packed.Count);
        Assert.Equal(
            resolved.Select(r => (r.Name, r.Unit, r.Time, r.Value)),
            packed.Select(r => (r.Name, r.Unit, r.Time, r.Value)));
        Assert.Equal(new DateTimeOffset(2011, 10, 31, 13, 24, 24, TimeSpan.Zero), packed[0].ResolveTime(DateTimeOffset.UnixEpoch));
        Assert.Equal(("%EL", 1_320_067_614d, 98d), (packed[9].Unit, packed[9].Time, packed[9].Value));
    }

    [Fact]
    public void Decode_Rfc8428MultipleDataTypes_KeepsEachValueKind()
    {
        var result = Decode("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063:","n":"temp","u":"Cel","v":23.1},
              {"n":"label","vs":"Machine Room"},
              {"n":"open","vb":false},
              {"n":"nfc-reader","vd":"aGkgCg"}
            ]
            """);

        Assert.Collection(
            result.Records,
            r => Assert.Equal((SenmlValueKind.Number, 23.1), (r.ValueKind, r.Value)),
            r => Assert.Equal((SenmlValueKind.String, "Machine Room", "urn:dev:ow:10e2073a01080063:label"), (r.ValueKind, r.StringValue, r.Name)),
            r => Assert.Equal((SenmlValueKind.Boolean, false), (r.ValueKind, r.BooleanValue)),
            r => Assert.Equal((SenmlValueKind.Data, "aGkgCg"), (r.ValueKind, r.StringValue)));
    }

    [Fact]
    public void Decode_Rfc8428CollectionOfResources_LastRecordKeepsNewBaseNameAndFirstBaseTime()
    {
        var result = Decode("""
            [
              {"bn":"2001:db8::2/","bt":1.320078429e+09,
               "n":"temperature","u":"Cel","v":25.2},
              {"n":"humidity","u":"%RH","v":30},
              {"bn":"2001:db8::1/","n":"temperature","u":"Cel","v":12.3},
              {"n":"humidity","u":"%RH","v":67}
            ]
            """);

        Assert.Equal(
            ["2001:db8::2/temperature", "2001:db8::2/humidity", "2001:db8::1/temperature", "2001:db8::1/humidity"],
            result.Records.Select(r => r.Name));
        Assert.All(result.Records, r => Assert.Equal(1_320_078_429d, r.Time));
        Assert.Equal([25.2, 30, 12.3, 67], result.Records.Select(r => r.Value));
    }

    [Fact]
    public void Decode_Rfc8428SettingAnActuator_BaseOnlyRecordYieldsNoResolvedRecord()
    {
        var result = Decode("""
            [
              {"bn":"urn:dev:ow:10e2073a01080063:"},
              {"n":"temp","u":"Cel","v":23.1},
              {"n":"heat","u":"/","v":1},
              {"n":"fan","u":"/","v":0}
            ]
            """);

        Assert.Equal(
            [("urn:dev:ow:10e2073a01080063:temp", "Cel", 23.1), ("urn:dev:ow:10e2073a01080063:heat", "/", 1d), ("urn:dev:ow:10e2073a01080063:fan", "/", 0d)],
            result.Records.Select(r => (r.Name, r.Unit!, r.Value)));
    }

    [Fact]
    public void Decode_Rfc8428SynchronizedLightsOff_AppliesBaseUnitAndFractionalTimes()
    {
        var result = Decode("""
            [
              {"bt":1.320078429e+09,"bu":"/","n":"2001:db8::3","v":0.5},
              {"n":"2001:db8::4","v":0.5},
              {"n":"2001:db8::3","t":0.1,"v":0},
              {"n":"2001:db8::4","t":0.1,"v":0}
            ]
            """);

        Assert.All(result.Records, r => Assert.Equal("/", r.Unit));
        var off = result.Records[3].ResolveTime(DateTimeOffset.UnixEpoch);
        Assert.Equal(new DateTimeOffset(2011, 10, 31, 16, 27, 9, 100, TimeSpan.Zero), off);
    }

    [Fact]
    public void Decode_BaseValueAndBaseSum_AreAddedToRecordValues()
    {
        var result = Decode("""[{"bn":"meter:","bv":100,"bs":1000,"n":"a","v":1.5,"s":2},{"n":"b","v":-1}]""");

        Assert.Equal((101.5, 1002d), (result.Records[0].Value, result.Records[0].Sum!.Value));
        Assert.Equal(99, result.Records[1].Value);
    }

    [Fact]
    public void Decode_SecondaryUnitWithBver26_Accepted()
    {
        var result = Decode("""[{"bver":26,"n":"pm","u":"ug/m3","v":12},{"n":"co2","u":"ppm","v":410},{"n":"p","u":"hPa","v":1013},{"n":"d","u":"mm","v":1953}]""");

        Assert.Equal(SenmlVersion.SecondaryUnits, result.Version);
        Assert.Equal(["ug/m3", "ppm", "hPa", "mm"], result.Records.Select(r => r.Unit!));
    }

    [Fact]
    public void Decode_UnknownOptionalField_Ignored()
    {
        var result = Decode("""[{"n":"a","v":1,"note":"ignored","x":null}]""");

        Assert.Equal(1, Assert.Single(result.Records).Value);
    }

    [Fact]
    public void Decode_EscapedFieldNamesAndStrings_Unescaped()
    {
        var result = Decode("""[{"\u0062n":"urn:dev:x:","\u006e":"caf\u0065","u":"C\u0065l","v":1}]""");

        var record = Assert.Single(result.Records);
        Assert.Equal(("urn:dev:x:cafe", "Cel"), (record.Name, record.Unit));
    }

    [Fact]
    public void Decode_PackWithSeveralProblems_ReportsEveryOne()
    {
        var result = SenmlDecoder.Decode(Encoding.UTF8.GetBytes(
            """[{"n":"a","u":"furlong","v":1},{"n":"b b","v":2},{"n":"c","v":"3"},{"n":"d","v":1,"v":2},{"n":"e","u":"ppm","v":1}]"""));

        Assert.False(result.IsValid);
        Assert.Empty(result.Records);
        Assert.Equal(
            [ReasonCodes.UnknownUnit, ReasonCodes.InvalidName, ReasonCodes.WrongType, ReasonCodes.DuplicateField, ReasonCodes.SecondaryUnitWithoutBver],
            result.Errors.Select(e => e.Code));
        Assert.Equal([0, 1, 2, 3, 4], result.Errors.Select(e => e.Record));
    }

    [Fact]
    public void Decode_ThousandsOfBadRecords_ErrorListBoundedButEveryCodePresent()
    {
        var records = Enumerable.Repeat("""{"n":"a","u":"furlong","v":1}""", 5000).Append("""{"n":"b","v":"x"}""");
        var result = SenmlDecoder.Decode(Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]"));

        Assert.True(result.Errors.Count <= 101);
        Assert.Contains(result.Errors, e => e.Code == ReasonCodes.UnknownUnit);
        Assert.Contains(result.Errors, e => e.Code == ReasonCodes.WrongType);
    }

    [Fact]
    public void Parse_BadRecordAfterErrorListIsFull_StillNotResolved()
    {
        // 150 unknown units fill the bounded error list; later records' unknown units are not listed again, but
        // those records must still not come out as resolved records.
        var records = Enumerable.Repeat("""{"n":"a","u":"furlong","v":1}""", 150);
        var resolved = new List<SenmlRecord>();
        var errors = new ErrorSink();

        Assert.True(SenmlParser.Parse(Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]"), SenmlLimits.Default, resolved, errors, out _));

        Assert.Empty(resolved);
        Assert.Equal(ErrorSink.MaxDetailed, errors.Count);
        Assert.Equal(150, errors.Total);
    }

    [Fact]
    public void Decode_PayloadOverConfiguredLimit_TooLargeBeforeParsing()
    {
        var limits = new SenmlLimits { MaxPayloadBytes = 100 };
        var result = SenmlDecoder.Decode(Encoding.UTF8.GetBytes("[" + new string(' ', 200) + "]"), limits);

        Assert.Equal(ReasonCodes.TooLarge, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void TryParseShortDecimal_ManyNumbers_SameDoubleAsTheGeneralParser()
    {
        // Numbers are read on a fast path when they are short plain decimals: it must give exactly the double the
        // general JSON parser gives, and leave everything else to it.
        var random = new Random(8428);
        var texts = new List<string> { "0", "-0", "0.0", "-0.0", "1", "12.5", "-3.25", "1767225540.123456", "9007199254740992", "9007199254740993", "0.1", "0.30000000000000004", "123456789012345678", "1234567890123456789", "0.0000000000000000000001", "1e5", "1E-7", "-1.5e+3" };
        for (var i = 0; i < 200_000; i++)
        {
            var digits = new string([.. Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)('0' + random.Next(10)))]).TrimStart('0');
            if (digits.Length == 0)
            {
                continue;
            }

            var point = random.Next(0, digits.Length + 1);
            var text = point == digits.Length ? digits : $"{(point == 0 ? "0" : digits[..point])}.{digits[point..]}";
            texts.Add(random.Next(2) == 0 ? text : "-" + text);
            var any = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (double.IsFinite(any))
            {
                texts.Add(any.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        var taken = 0;
        foreach (var text in texts)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
            {
                continue; // not a JSON number (NaN, Infinity, leading zeros)
            }

            Assert.True(reader.TryGetDouble(out var expected), text);
            if (SenmlParser.TryParseShortDecimal(reader.ValueSpan, out var value))
            {
                taken++;
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: fast {value:R}, general {expected:R}");
            }
        }

        Assert.True(taken > 100_000, $"fast path taken for {taken} numbers only");
        Assert.False(SenmlParser.TryParseShortDecimal("9007199254740993"u8, out _));
        Assert.False(SenmlParser.TryParseShortDecimal("1e5"u8, out _));
    }
}
