using System.Text;

namespace SmartSensors.Contracts.Tests;

/// <summary>
/// Hostile and broken gateway packs, each with the reason code the contract must refuse it with. Every case is
/// sent on <see cref="Topic"/> and judged at <see cref="Now"/>. Linked into other test projects (cloud ingest) so
/// the whole pipeline is tested against the same corpus: link this file and decode each <see cref="Case.Payload"/>
/// with a clock fixed at <see cref="Now"/>.
/// </summary>
public static class HostileCorpus
{
    /// <summary>The site of <see cref="Topic"/>.</summary>
    public const string Site = "queens-square";

    /// <summary>The gateway of <see cref="Topic"/>.</summary>
    public const string Gateway = "gw-01";

    /// <summary>The topic every case is received on.</summary>
    public const string Topic = "ss/v1/queens-square/gw-01/readings";

    /// <summary>The cloud's clock for every case: 2026-01-01T00:00:00Z (Unix 1767225600).</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A valid pack at <see cref="Now"/> (one minute old): the baseline every case breaks in one way.</summary>
    public static byte[] ValidPack => Utf8(Pack(Reading("temperature", "Cel", "21.5")));

    /// <summary>One hostile payload and the reason code it must be refused with.</summary>
#pragma warning disable CA1034 // Nested so the corpus is one file other test projects can link.
    public sealed record Case(string Name, byte[] Payload, string ExpectedCode)
#pragma warning restore CA1034
    {
        /// <summary>Shown by the test runner.</summary>
        public override string ToString() => Name;
    }

    /// <summary>Every case.</summary>
    public static IReadOnlyList<Case> Cases { get; } = Build();

    /// <summary>The cases as xunit member data: (name, payload, expected code).</summary>
    public static IEnumerable<object[]> TheoryCases => Cases.Select(c => new object[] { c.Name, c.Payload, c.ExpectedCode });

    private const string Head = """{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"bver":26,"n":"seq","v":7}""";

    private static string Reading(string quantity, string unit, string value, string extra = "") =>
        $$"""{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"{{quantity}}","u":"{{unit}}","v":{{value}}{{extra}}}""";

    private static string Pack(params string[] records) => "[" + Head + "," + string.Join(",", records) + "]";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static List<Case> Build()
    {
        var valid = Pack(Reading("temperature", "Cel", "21.5"));
        var cases = new List<Case>
        {
            // Shape and syntax.
            new("truncated half way", Utf8(valid[..(valid.Length / 2)]), ReasonCodes.MalformedJson),
            new("truncated by one byte", Utf8(valid[..^1]), ReasonCodes.MalformedJson),
            new("empty payload", [], ReasonCodes.MalformedJson),
            new("whitespace only", Utf8("   \n\t "), ReasonCodes.MalformedJson),
            new("object instead of array", Utf8(Head), ReasonCodes.NotAnArray),
            new("bare string", Utf8("\"hello\""), ReasonCodes.NotAnArray),
            new("bare number", Utf8("42"), ReasonCodes.NotAnArray),
            new("empty array", Utf8("[]"), ReasonCodes.EmptyPack),
            new("array of numbers", Utf8("[1,2,3]"), ReasonCodes.RecordNotObject),
            new("null record", Utf8("[null]"), ReasonCodes.RecordNotObject),
            new("deep nesting 10000 arrays", Utf8(new string('[', 10_000) + new string(']', 10_000)), ReasonCodes.TooDeep),
            new("object nested in record", Utf8("""[{"n":"x","v":{"a":{"b":1}}}]"""), ReasonCodes.TooDeep),
            new("array nested in record", Utf8("""[{"n":"x","v":[1,2]}]"""), ReasonCodes.TooDeep),
            new("10 MB payload", Utf8("[" + new string(' ', 10 * 1024 * 1024) + "]"), ReasonCodes.TooLarge),
            new("too many records", Utf8("[" + string.Join(",", Enumerable.Repeat("""{"v":1}""", 10_001)) + "]"), ReasonCodes.TooManyRecords),
            new("trailing garbage after pack", Utf8(valid + " x"), ReasonCodes.MalformedJson),
            new("two packs back to back", Utf8(valid + valid), ReasonCodes.MalformedJson),
            new("trailing comma", Utf8(valid[..^1] + ",]"), ReasonCodes.MalformedJson),
            new("comment", Utf8("/* hi */" + valid), ReasonCodes.MalformedJson),
            new("unescaped newline in string", Utf8(Pack("{\"bn\":\"urn:dev:ss:gw-01:bme280-1:\",\"n\":\"temp\nerature\",\"u\":\"Cel\",\"v\":1}")), ReasonCodes.MalformedJson),
            new("single quotes", Utf8(valid.Replace("\"", "'", StringComparison.Ordinal)), ReasonCodes.MalformedJson),

            // Encoding.
            new("invalid UTF-8 byte in name", Concat("[{\"bn\":\"urn:dev:ss:gw-01:\",\"n\":\"s", [0xC3, 0x28], "\",\"v\":1}]"), ReasonCodes.InvalidUtf8),
            new("UTF-8 encoded surrogate", Concat("[{\"n\":\"", [0xED, 0xA0, 0x80], "\",\"v\":1}]"), ReasonCodes.InvalidUtf8),
            new("overlong UTF-8 slash", Concat("[{\"n\":\"a", [0xC0, 0xAF], "b\",\"v\":1}]"), ReasonCodes.InvalidUtf8),
            new("UTF-16 payload with byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(valid)], ReasonCodes.InvalidUtf8),
            new("UTF-16 payload without byte order mark", Encoding.Unicode.GetBytes(valid), ReasonCodes.MalformedJson),

            // Types and numbers.
            new("NaN as string", Utf8(Pack(Reading("temperature", "Cel", "\"NaN\""))), ReasonCodes.WrongType),
            new("NaN literal", Utf8(Pack(Reading("temperature", "Cel", "NaN"))), ReasonCodes.MalformedJson),
            new("Infinity literal", Utf8(Pack(Reading("temperature", "Cel", "Infinity"))), ReasonCodes.MalformedJson),
            new("number as string", Utf8(Pack(Reading("temperature", "Cel", "\"21.5\""))), ReasonCodes.WrongType),
            new("null value", Utf8(Pack(Reading("temperature", "Cel", "null"))), ReasonCodes.WrongType),
            new("boolean as number", Utf8(Pack(Reading("temperature", "Cel", "true"))), ReasonCodes.WrongType),
            new("huge exponent value 1e400", Utf8(Pack(Reading("temperature", "Cel", "1e400"))), ReasonCodes.NotFinite),
            new("huge negative exponent value -1e400", Utf8(Pack(Reading("temperature", "Cel", "-1e400"))), ReasonCodes.NotFinite),
            new("huge base time 1e400", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":1e400,"n":"seq","v":7}]"""), ReasonCodes.NotFinite),
            new("name as number", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":5,"v":7}]"""), ReasonCodes.WrongType),
            new("unit as number", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":1,"v":1}""")), ReasonCodes.WrongType),

            // SenML rules.
            new("duplicate base name", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bn":"urn:dev:ss:gw-02:","bt":1767225540,"n":"seq","v":7}]"""), ReasonCodes.DuplicateField),
            new("duplicate base time", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"bt":1767225541,"n":"seq","v":7}]"""), ReasonCodes.DuplicateField),
            new("duplicate value", Utf8(Pack(Reading("temperature", "Cel", "21.5", ",\"v\":99"))), ReasonCodes.DuplicateField),
            new("duplicate field via escape", Utf8(Pack(Reading("temperature", "Cel", "21.5", ",\"\\u0076\":99"))), ReasonCodes.DuplicateField),
            new("unknown unit", Utf8(Pack(Reading("temperature", "furlongs", "21.5"))), ReasonCodes.UnknownUnit),
            new("unit with wrong case", Utf8(Pack(Reading("temperature", "cel", "21.5"))), ReasonCodes.UnknownUnit),
            new("secondary unit without bver", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:sds011-1:","n":"pm2_5","u":"ug/m3","v":12}]"""), ReasonCodes.SecondaryUnitWithoutBver),
            new("bver too high", Utf8(valid.Replace("\"bver\":26", "\"bver\":99", StringComparison.Ordinal)), ReasonCodes.UnsupportedVersion),
            new("bver fractional", Utf8(valid.Replace("\"bver\":26", "\"bver\":10.5", StringComparison.Ordinal)), ReasonCodes.UnsupportedVersion),
            new("bver as string", Utf8(valid.Replace("\"bver\":26", "\"bver\":\"26\"", StringComparison.Ordinal)), ReasonCodes.WrongType),
            new("bver changes mid pack", Utf8(Pack(Reading("temperature", "Cel", "21.5", ",\"bver\":10"))), ReasonCodes.InconsistentVersion),
            new("name with space", Utf8(Pack(Reading("temp erature", "Cel", "21.5"))), ReasonCodes.InvalidName),
            new("name with emoji", Utf8(Pack(Reading("temp\u00e9rature", "Cel", "21.5"))), ReasonCodes.InvalidName),
            new("name starting with dash", Utf8("""[{"bn":"-urn:dev:ss:gw-01:","bt":1767225540,"n":"seq","v":7}]"""), ReasonCodes.InvalidName),
            new("name 10000 characters", Utf8(Pack(Reading(new string('a', 10_000), "Cel", "21.5"))), ReasonCodes.InvalidName),
            new("unknown must-understand field", Utf8(Pack(Reading("temperature", "Cel", "21.5", ",\"crit_\":1"))), ReasonCodes.UnknownMandatoryField),
            new("two value fields", Utf8(Pack(Reading("temperature", "Cel", "21.5", ",\"vs\":\"warm\""))), ReasonCodes.MultipleValues),

            // Gateway pack rules.
            new("base name of another gateway", Utf8(Pack("""{"bn":"urn:dev:ss:gw-02:bme280-1:","n":"temperature","u":"Cel","v":21.5}""")), ReasonCodes.TopicGatewayMismatch),
            new("name outside urn:dev:ss", Utf8(Pack("""{"bn":"urn:dev:ow:10e2073a01080063:","n":"temperature","u":"Cel","v":21.5}""")), ReasonCodes.InvalidBaseName),
            new("uppercase sensor id", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:BME280:","n":"temperature","u":"Cel","v":21.5}""")), ReasonCodes.InvalidBaseName),
            new("unknown quantity", Utf8(Pack(Reading("flux_capacitance", "F", "1.21"))), ReasonCodes.UnknownQuantity),
            new("unit of another quantity", Utf8(Pack(Reading("temperature", "K", "294.65"))), ReasonCodes.UnitMismatch),
            new("missing unit", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","v":21.5}""")), ReasonCodes.MissingUnit),
            new("temperature 150 Cel", Utf8(Pack(Reading("temperature", "Cel", "150"))), ReasonCodes.OutOfRange),
            new("humidity -5", Utf8(Pack(Reading("humidity", "%RH", "-5"))), ReasonCodes.OutOfRange),
            new("pressure 5 hPa", Utf8(Pack(Reading("pressure", "hPa", "5"))), ReasonCodes.OutOfRange),
            new("pm2_5 1e300", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:sds011-1:","n":"pm2_5","u":"ug/m3","v":1e300}""")), ReasonCodes.OutOfRange),
            new("footfall count 2.5", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:beam-1:","n":"count","u":"count","v":2.5}""")), ReasonCodes.NotInteger),
            new("capture time a day ahead", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":1767312000,"bver":26,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5}]"""), ReasonCodes.FutureTimestamp),
            new("capture time in year 9999", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":253402300000,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5}]"""), ReasonCodes.FutureTimestamp),
            new("capture time beyond DateTimeOffset", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":1e200,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5}]"""), ReasonCodes.FutureTimestamp),
            new("capture time in 2000", Utf8("""[{"bn":"urn:dev:ss:gw-01:","bt":946684800,"n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5}]"""), ReasonCodes.TimestampTooOld),
            new("relative time only", Utf8("""[{"bn":"urn:dev:ss:gw-01:","n":"seq","v":7},{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","v":21.5}]"""), ReasonCodes.RelativeTime),
            new("no sequence record", Utf8("[" + Reading("temperature", "Cel", "21.5", ",\"bt\":1767225540") + "]"), ReasonCodes.MissingSequence),
            new("two sequence records", Utf8("[" + Head + "," + Head.Replace(",\"bver\":26", string.Empty, StringComparison.Ordinal) + "," + Reading("temperature", "Cel", "21.5") + "]"), ReasonCodes.DuplicateSequence),
            new("negative sequence", Utf8(valid.Replace("\"v\":7", "\"v\":-7", StringComparison.Ordinal)), ReasonCodes.InvalidSequence),
            new("fractional sequence", Utf8(valid.Replace("\"v\":7", "\"v\":7.5", StringComparison.Ordinal)), ReasonCodes.InvalidSequence),
            new("sequence above 2^53", Utf8(valid.Replace("\"v\":7", "\"v\":1e17", StringComparison.Ordinal)), ReasonCodes.InvalidSequence),
            new("string value", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:bme280-1:","n":"temperature","u":"Cel","vs":"warm"}""")), ReasonCodes.UnsupportedField),
            new("sum instead of value", Utf8(Pack("""{"bn":"urn:dev:ss:gw-01:beam-1:","n":"count","u":"count","s":12}""")), ReasonCodes.UnsupportedField),
            new("sequence but no readings", Utf8("[" + Head + "]"), ReasonCodes.NoReadings),
            new("same reading twice", Utf8(Pack(Reading("temperature", "Cel", "21.5"), """{"n":"temperature","u":"Cel","v":22.5}""")), ReasonCodes.DuplicateReading),
        };
        return cases;
    }

    private static byte[] Concat(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];
}
