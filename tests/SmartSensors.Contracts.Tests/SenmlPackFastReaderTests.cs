using System.Text;

namespace SmartSensors.Contracts.Tests;

/// <summary>
/// The fast path (<see cref="SenmlPackFastReader"/>) against the general path (<see cref="SenmlParser"/> then the same
/// validation, run alone through <see cref="GatewayPackDecoder.DecodeGeneral"/>): for every input the fast path either
/// declines or gives exactly the general path's records, and <see cref="GatewayPackDecoder.Decode(string?, ReadOnlySpan{byte})"/>
/// gives exactly the general path's result (readings to the bit, sequence, every error with code, message and record).
/// </summary>
public sealed class SenmlPackFastReaderTests
{
    private static readonly DateTimeOffset Now = HostileCorpus.Now;

    private const string IdChars = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private static GatewayPackDecoder Decoder(PackDecoderOptions? options = null) =>
        new(options ?? new PackDecoderOptions(), new FixedTimeProvider(Now));

    [Fact]
    public void TryRead_DocumentedEncoderJson_HandledWithTheGeneralParsersRecords()
    {
        var json = """[{"bn":"urn:dev:ss:gw-01:","bt":1767225570.25,"bver":26,"n":"seq","v":42},"""
            + """{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5,"t":30},"""
            + """{"n":"humidity","u":"%RH","v":55,"t":30},"""
            + """{"bn":"urn:dev:ss:gw-01:sds011-1:","n":"pm2_5","u":"ug/m3","v":12.3}]""";

        var records = new List<SenmlRecord>();
        var handled = SenmlPackFastReader.TryRead(Encoding.UTF8.GetBytes(json), SenmlLimits.Default, records);

        Assert.True(handled);
        Assert.Equal(4, records.Count);
        Assert.Equal(new SenmlRecord(0, "urn:dev:ss:gw-01:", "seq", 1767225570.25, null, SenmlValueKind.Number, 42, null, false, null, null, 26), records[0]);
        Assert.Equal(new SenmlRecord(2, "urn:dev:ss:gw-01:bme280-1:", "humidity", 1767225600.25, SenmlUnits.RelativeHumidity, SenmlValueKind.Number, 55, null, false, null, null, 26), records[2]);
        Assert.Same(Quantities.Pm25.Name, records[3].LocalName);
        Assert.Same(SenmlUnits.MicrogramsPerCubicMetre, records[3].Unit);
        Assert.True(Compare(null, HostileCorpus.Topic.Replace("queens-square", "park", StringComparison.Ordinal), "park", "gw-01", Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void TryRead_CorpusBaselinePack_Handled()
    {
        Assert.True(Compare(null, HostileCorpus.Topic, HostileCorpus.Site, HostileCorpus.Gateway, HostileCorpus.ValidPack));
    }

    [Fact]
    public void TryRead_TypicalEncoderPacks_AllHandledAndDecodedAlike()
    {
        // Realistic packs: short ids, values with up to 3 decimals, capture times to the microsecond. The fast path must
        // take every one of them (if it silently declined, the optimisation would be gone and this test fails).
        var random = new Random(6);
        var decoder = Decoder();
        for (var i = 0; i < 500; i++)
        {
            var pack = RandomPack(random, plain: true);
            var payload = GatewayPackEncoder.Encode(pack);
            Assert.True(Compare(null, pack.Topic, pack.Site, pack.Gateway, payload), Show(payload));
            Assert.True(decoder.Decode(pack.Topic, payload).IsValid, Show(payload));
        }
    }

    [Fact]
    public void TryRead_NegativeZero_SameBitsAsGeneralPath()
    {
        var payload = Encoding.UTF8.GetBytes(
            """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"bver":26,"n":"seq","v":0},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":-0,"t":-0}]""");

        Assert.True(Compare(null, HostileCorpus.Topic, HostileCorpus.Site, HostileCorpus.Gateway, payload));
        var reading = Assert.Single(Decoder().Decode(HostileCorpus.Topic, payload).Pack!.Readings);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0d), BitConverter.DoubleToInt64Bits(reading.Value));
    }

    [Theory]
    [InlineData("whitespace between records", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7}, {"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5}]""")]
    [InlineData("trailing newline", "[{\"bn\":\"urn:dev:ss:gw-01:\",\"bt\":1767225540,\"n\":\"seq\",\"v\":7},{\"bn\":\"urn:dev:ss:gw-01:bme280-1:\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]\n")]
    [InlineData("escaped name", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temper\u0061ture","u":"Cel","v":21.5}]""")]
    [InlineData("escaped unit", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"C\u0065l","v":21.5}]""")]
    [InlineData("exponent", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":2.15e1}]""")]
    [InlineData("seventeen significant digits", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.500000000000004}]""")]
    [InlineData("keys out of order", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","u":"Cel","n":"temperature","v":21.5}]""")]
    [InlineData("unknown optional key", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5,"x":1}]""")]
    [InlineData("base unit", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","bu":"Cel","n":"temperature","v":21.5}]""")]
    [InlineData("duplicate key", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5,"v":22}]""")]
    [InlineData("secondary unit without bver", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:sds011-1:","n":"pm2_5","u":"ug/m3","v":12}]""")]
    [InlineData("bver changes", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"bver":26,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","bver":10,"n":"temperature","u":"Cel","v":21.5}]""")]
    [InlineData("unknown unit", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Celsius","v":21.5}]""")]
    [InlineData("name with space", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temp erature","u":"Cel","v":21.5}]""")]
    [InlineData("name starting with dash", """[{"bn":"-urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7}]""")]
    [InlineData("leading zero", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":07}]""")]
    [InlineData("fraction without digits", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7.}]""")]
    [InlineData("no value", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq"}]""")]
    [InlineData("empty pack", "[]")]
    [InlineData("truncated after a comma", """[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},""")]
    public void TryRead_ShapeItIsNotSureAbout_DeclinesAndDecodeMatchesGeneralPath(string name, string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);

        Assert.False(SenmlPackFastReader.TryRead(payload, SenmlLimits.Default, []), name);
        Assert.False(Compare(null, HostileCorpus.Topic, HostileCorpus.Site, HostileCorpus.Gateway, payload), name);
    }

    [Fact]
    public void TryRead_OverConfiguredLimits_DeclinesAndDecodeMatchesGeneralPath()
    {
        var pack = new GatewayPack("gw-01", HostileCorpus.Site, 7, [
            Reading.Of("bme280-1", Quantities.Temperature, 21.5, Now.AddMinutes(-1)),
            Reading.Of("bme280-1", Quantities.Humidity, 60, Now.AddMinutes(-1)),
        ]);
        var payload = GatewayPackEncoder.Encode(pack);
        var tight = new[]
        {
            new PackDecoderOptions { MaxRecords = 2 },
            new PackDecoderOptions { MaxNameLength = 32 },
            new PackDecoderOptions { MaxPayloadBytes = payload.Length - 1 },
        };

        Assert.True(Compare(null, pack.Topic, pack.Site, pack.Gateway, payload));
        foreach (var options in tight)
        {
            Assert.False(SenmlPackFastReader.TryRead(payload, options.ToLimits(), []));
            Assert.False(Compare(options, pack.Topic, pack.Site, pack.Gateway, payload));
            Assert.False(Decoder(options).Decode(pack.Topic, payload).IsValid);
        }
    }

    [Fact]
    public void Decode_ManyGeneratedEncoderPacks_SameResultAsGeneralPath()
    {
        var random = new Random(8428);
        var decoder = Decoder();
        var handled = 0;
        const int Packs = 3000;
        for (var i = 0; i < Packs; i++)
        {
            var pack = RandomPack(random, plain: false);
            var payload = GatewayPackEncoder.Encode(pack);
            if (Compare(null, pack.Topic, pack.Site, pack.Gateway, payload))
            {
                handled++;
            }

            // The same payload on another gateway's topic (a spoof) and through the (site, gateway) overload.
            Compare(null, Topics.Readings(pack.Site, "spoofed-gw"), pack.Site, "spoofed-gw", payload);
            Assert.Equal(Snapshot(decoder.DecodeGeneral(pack.Site, pack.Gateway, payload, new ErrorSink())), Snapshot(decoder.Decode(pack.Site, pack.Gateway, payload)));
        }

        // Hard values (17-digit doubles, exponents, very long ids) are meant to fall back, and one such value sends its
        // whole pack there (this generator puts one in about half of its packs); the rest must have been compared on the fast path.
        Assert.InRange(handled, Packs / 4, Packs);
    }

    [Fact]
    public void Decode_ManyGeneratedPacksUnderTightLimits_SameResultAsGeneralPath()
    {
        var random = new Random(26);
        var options = new[]
        {
            new PackDecoderOptions { MaxRecords = 5 },
            new PackDecoderOptions { MaxNameLength = 48 },
            new PackDecoderOptions { MaxPayloadBytes = 400, MaxFutureSkew = TimeSpan.Zero, MaxAge = TimeSpan.FromDays(2) },
        };
        for (var i = 0; i < 1000; i++)
        {
            var pack = RandomPack(random, plain: true);
            var payload = GatewayPackEncoder.Encode(pack);
            foreach (var option in options)
            {
                Compare(option, pack.Topic, pack.Site, pack.Gateway, payload);
            }
        }
    }

    [Fact]
    public void Decode_EveryHostileCase_SameResultAsGeneralPath()
    {
        // One fact over the corpus (not a theory: its rows include a 10 MB payload that test discovery would serialise).
        foreach (var hostile in HostileCorpus.Cases)
        {
            Compare(null, HostileCorpus.Topic, HostileCorpus.Site, HostileCorpus.Gateway, hostile.Payload);
            Assert.True(Decoder().Decode(HostileCorpus.Topic, hostile.Payload).Errors.Any(e => e.Code == hostile.ExpectedCode), hostile.Name);
        }
    }

    [Fact]
    public void Decode_RandomMutationsOfValidPacks_SameResultAsGeneralPath()
    {
        var random = new Random(1234);
        var seeds = new List<(string Site, string Gateway, byte[] Payload)> { (HostileCorpus.Site, HostileCorpus.Gateway, HostileCorpus.ValidPack) };
        for (var i = 0; i < 40; i++)
        {
            var pack = RandomPack(random, plain: i % 2 == 0, maxReadings: 12);
            seeds.Add((pack.Site, pack.Gateway, GatewayPackEncoder.Encode(pack)));
        }

        // Bytes that keep a mutant inside (or right at the edge of) the fast path's grammar, so that it is taken and
        // has to agree on the validation errors too; plus arbitrary bytes.
        const string Interesting = "0123456789.-e,:{}[]\"\\ aAzZ_/%";
        var handled = 0;
        const int Mutations = 30_000;
        for (var i = 0; i < Mutations; i++)
        {
            var (site, gateway, seed) = seeds[random.Next(seeds.Count)];
            var payload = Mutate(random, seed, Interesting);
            if (random.Next(4) == 0)
            {
                payload = Mutate(random, payload, Interesting);
            }

            if (Compare(null, Topics.Readings(site, gateway), site, gateway, payload))
            {
                handled++;
            }
        }

        // Many mutants (a digit changed, a name letter changed) stay in the fast path's shape: they must have been compared there.
        Assert.InRange(handled, Mutations / 10, Mutations);
    }

    /// <summary>
    /// Decodes <paramref name="payload"/> both ways and asserts they agree; returns whether the fast path handled it.
    /// When it did, its records must be exactly the general parser's, and the general parser must have reported nothing.
    /// </summary>
    private static bool Compare(PackDecoderOptions? options, string topic, string site, string gateway, byte[] payload)
    {
        options ??= new PackDecoderOptions();
        var decoder = Decoder(options);
        var limits = options.ToLimits();
        var fast = new List<SenmlRecord>();
        var handled = SenmlPackFastReader.TryRead(payload, limits, fast);
        if (handled)
        {
            var general = new List<SenmlRecord>();
            var errors = new ErrorSink();
            Assert.True(SenmlParser.Parse(payload, limits, general, errors, out _), Show(payload));
            Assert.True(errors.Total == 0, $"the fast path took a payload the general parser refuses ({string.Join("; ", errors.Errors)}): {Show(payload)}");
            Assert.Equal(general.Count, fast.Count);
            for (var i = 0; i < general.Count; i++)
            {
                Assert.True(SameRecord(general[i], fast[i]), $"record {i}: general {general[i]}, fast {fast[i]}: {Show(payload)}");
            }
        }

        var expected = Snapshot(decoder.DecodeGeneral(site, gateway, payload, new ErrorSink()));
        var actual = Snapshot(decoder.Decode(topic, payload));
        if (expected != actual)
        {
            Assert.Fail($"decode differs from the general path (fast path {(handled ? "took" : "declined")} it):\n general: {expected}\n    fast: {actual}\n payload: {Show(payload)}");
        }

        return handled;
    }

    private static bool SameRecord(SenmlRecord a, SenmlRecord b) =>
        a == b
        && BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b.Value)
        && BitConverter.DoubleToInt64Bits(a.Time) == BitConverter.DoubleToInt64Bits(b.Time);

    /// <summary>Everything observable about a result, as text (doubles to the bit, times to the tick).</summary>
    private static string Snapshot(PackDecodeResult result)
    {
        var text = new StringBuilder();
        text.Append($"valid={result.IsValid} site={result.Site} gateway={result.Gateway} seq={result.Sequence}");
        foreach (var error in result.Errors)
        {
            text.Append($"\n  error {error.Code} record={error.Record} {error.Message}");
        }

        if (result.Pack is { } pack)
        {
            text.Append($"\n  pack {pack.Site}/{pack.Gateway}#{pack.Sequence}");
            foreach (var r in pack.Readings)
            {
                text.Append($"\n  {r.SensorId} {r.Kind} {r.Quantity} {BitConverter.DoubleToInt64Bits(r.Value):x16} {r.Unit} {r.CaptureTime.UtcTicks} {r.CaptureTime.Offset}");
            }
        }

        return text.ToString();
    }

    private static byte[] Mutate(Random random, byte[] seed, string interesting)
    {
        var payload = (byte[])seed.Clone();
        byte Pick() => random.Next(3) == 0 ? (byte)random.Next(256) : (byte)interesting[random.Next(interesting.Length)];
        switch (random.Next(7))
        {
            case 0 when payload.Length > 0:
                payload[random.Next(payload.Length)] = Pick();
                return payload;
            case 1 when payload.Length > 0:
                return payload[..random.Next(payload.Length)];
            case 2 when payload.Length > 0:
                var at = random.Next(payload.Length);
                return [.. payload[..at], .. payload[(at + 1)..]];
            case 3 when payload.Length > 1:
                var i = random.Next(payload.Length);
                var j = random.Next(payload.Length);
                (payload[i], payload[j]) = (payload[j], payload[i]);
                return payload;
            case 4 when payload.Length > 0:
                // Repeat a slice (duplicate records, fields, digits).
                var from = random.Next(payload.Length);
                var length = random.Next(1, Math.Min(80, payload.Length - from) + 1);
                var to = random.Next(payload.Length + 1);
                return [.. payload[..to], .. payload.AsSpan(from, length), .. payload[to..]];
            case 5 when payload.Length > 0:
                // Change a digit into another digit: stays in shape, changes values, times, sequence.
                var digits = Enumerable.Range(0, payload.Length).Where(k => payload[k] is >= (byte)'0' and <= (byte)'9').ToArray();
                if (digits.Length > 0)
                {
                    payload[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
                }

                return payload;
            default:
                var insertAt = random.Next(payload.Length + 1);
                return [.. payload[..insertAt], Pick(), .. payload[insertAt..]];
        }
    }

    /// <summary>A random valid pack. <paramref name="plain"/>: short ids and values with few decimals (what real
    /// gateways send); otherwise also long ids, full-precision doubles, extremes, far capture times and duplicates.</summary>
    private static GatewayPack RandomPack(Random random, bool plain, int maxReadings = 60)
    {
        var gateway = Id(random, plain ? 12 : 64);
        var site = Id(random, 16);
        var sensors = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Id(random, plain ? 16 : (random.Next(4) == 0 ? 64 : 16))).ToArray();
        var quantities = Quantities.All;
        var ageSeconds = plain ? random.Next(3_600, 86_400) : random.NextDouble() * 500 * 86_400 - 600; // some too old, some in the future
        var t0 = Now.AddTicks(-(long)(ageSeconds * TimeSpan.TicksPerSecond)).AddTicks(-random.Next(0, 10_000_000));
        var times = Enumerable.Range(0, random.Next(1, 4)).Select(k => t0.AddTicks(k * random.Next(1, 600) * (!plain && random.Next(3) == 0 ? 10L : TimeSpan.TicksPerSecond))).ToArray();
        var count = random.Next(1, random.Next(4) == 0 ? maxReadings + 1 : Math.Min(9, maxReadings + 1));
        var readings = new List<Reading>(count);
        var sensor = sensors[0];
        for (var i = 0; i < count; i++)
        {
            if (random.Next(3) == 0)
            {
                sensor = sensors[random.Next(sensors.Length)];
            }

            var quantity = quantities[random.Next(quantities.Count)];
            var time = times[random.Next(times.Length)];
            if (plain && readings.Exists(r => r.SensorId == sensor && r.Quantity == quantity.Name && r.CaptureTime == time))
            {
                continue; // realistic packs hold no duplicate readings
            }

            readings.Add(Reading.Of(sensor, quantity, Value(random, quantity, plain), time));
        }

        var sequence = random.Next(3) switch
        {
            0 => random.Next(0, 1000),
            1 => random.NextInt64(0, GatewayPack.MaxSequence + 1),
            _ => GatewayPack.MaxSequence,
        };
        return new GatewayPack(gateway, site, sequence, readings);
    }

    private static double Value(Random random, QuantityDefinition quantity, bool plain)
    {
        var min = quantity.Minimum;
        var max = Math.Min(quantity.Maximum, plain ? 1e6 : quantity.Maximum);
        if (quantity.IsInteger)
        {
            return random.Next(5) switch
            {
                0 => 0,
                1 => max,
                _ => Math.Floor(random.NextDouble() * (plain ? 100_000 : max)),
            };
        }

        var any = min + (random.NextDouble() * (max - min));
        var choice = plain ? random.Next(2, 6) : random.Next(9);
        return choice switch
        {
            0 => any, // 15-17 significant digits: the fast path usually declines these
            1 => random.Next(2) == 0 ? min : max,
            2 => Math.Round(any),
            3 => Math.Clamp(Math.Round(any, 1), min, max),
            4 => Math.Clamp(Math.Round(any, 2), min, max),
            5 => Math.Clamp(Math.Round(any, 3), min, max),
            6 => Math.Clamp(Math.Round(any, random.Next(4, 12)), min, max),
            7 => min switch { 0 => random.NextDouble() * 1e-6, < 0 => -0d, _ => min }, // tiny values are written with an exponent
            _ => Math.Clamp(Math.Round(any, 6), min, max),
        };
    }

    private static string Id(Random random, int maxLength)
    {
        var chars = new char[random.Next(1, maxLength + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = IdChars[random.Next(IdChars.Length)];
        }

        return new string(chars);
    }

    private static string Show(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload.AsSpan(0, Math.Min(payload.Length, 600)));
        return new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (payload.Length > 600 ? "..." : string.Empty);
    }
}
