using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace SmartSensors.Contracts;

/// <summary>
/// The one SenML JSON reader behind <see cref="SenmlDecoder"/> and <see cref="GatewayPackDecoder"/>: a single
/// forward pass over a <see cref="Utf8JsonReader"/>, no DOM. Payload-level problems (size, UTF-8, JSON syntax,
/// shape, depth, record count) stop the pass; record-level problems are all collected.
/// </summary>
internal static class SenmlParser
{
    private const int MaxPropertyNameChars = 64;

    /// <summary>The characters of a SenML name (RFC 8428 §4.5.1).</summary>
    internal const string NameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:./_";

    private static readonly System.Buffers.SearchValues<char> NameChars = System.Buffers.SearchValues.Create(NameCharacters);

    [Flags]
    private enum Field
    {
        None = 0,
        Bn = 1 << 0,
        Bt = 1 << 1,
        Bu = 1 << 2,
        Bv = 1 << 3,
        Bs = 1 << 4,
        Bver = 1 << 5,
        N = 1 << 6,
        U = 1 << 7,
        V = 1 << 8,
        Vs = 1 << 9,
        Vb = 1 << 10,
        Vd = 1 << 11,
        S = 1 << 12,
        T = 1 << 13,
        Ut = 1 << 14,
        UnknownOptional = 1 << 29,
        UnknownMandatory = 1 << 30,
    }

    private struct BaseState
    {
        public string BaseName;
        public bool BaseNameChars; // every character of BaseName is known to be a name character
        public double BaseTime;
        public string? BaseUnit;
        public double? BaseValue;
        public double? BaseSum;
        public int? DeclaredVersion;
        public string? LastLocalName;
        public bool LastLocalNameChars;
    }

    /// <summary>Returns false when a payload-level error stopped the pass.</summary>
    public static bool Parse(ReadOnlySpan<byte> utf8, SenmlLimits limits, List<SenmlRecord> records, ErrorSink errors, out int version)
    {
        version = SenmlVersion.Base;
        if (utf8.Length > limits.MaxPayloadBytes)
        {
            errors.Add(ReasonCodes.TooLarge, $"payload is {utf8.Length} bytes, the limit is {limits.MaxPayloadBytes}");
            return false;
        }

        if (utf8.IsEmpty)
        {
            errors.Add(ReasonCodes.MalformedJson, "payload is empty");
            return false;
        }

        if (!Utf8.IsValid(utf8))
        {
            errors.Add(ReasonCodes.InvalidUtf8, "payload is not valid UTF-8");
            return false;
        }

        var state = new BaseState { BaseName = string.Empty, BaseNameChars = true };
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = 8,
        });

        try
        {
            if (!reader.Read())
            {
                errors.Add(ReasonCodes.MalformedJson, "payload holds no JSON value");
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(ReasonCodes.NotAnArray, $"a SenML pack is a JSON array, found {Describe(reader.TokenType)}");
                return false;
            }

            var index = 0;
            while (true)
            {
                if (!reader.Read())
                {
                    errors.Add(ReasonCodes.MalformedJson, "payload ends inside the pack array");
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    if (reader.Read() && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    {
                        errors.Add(ReasonCodes.TooDeep, "JSON is nested deeper than pack -> record -> value", index);
                    }
                    else
                    {
                        errors.Add(ReasonCodes.RecordNotObject, "a pack element is an array, records are JSON objects", index);
                    }

                    return false;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(ReasonCodes.RecordNotObject, $"a pack element is {Describe(reader.TokenType)}, records are JSON objects", index);
                    return false;
                }

                if (index >= limits.MaxRecords)
                {
                    errors.Add(ReasonCodes.TooManyRecords, $"pack has more than {limits.MaxRecords} records");
                    return false;
                }

                if (!ParseRecord(ref reader, index, limits, ref state, records, errors))
                {
                    return false;
                }

                index++;
            }

            if (reader.Read())
            {
                errors.Add(ReasonCodes.MalformedJson, "data after the end of the pack array");
                return false;
            }
        }
        catch (JsonException ex)
        {
            // The reader's message names the problem and the byte position; it never echoes payload bytes at length.
            errors.Add(ReasonCodes.MalformedJson, ex.Message);
            return false;
        }

        version = state.DeclaredVersion ?? SenmlVersion.Base;
        return true;
    }

    private static bool ParseRecord(
        ref Utf8JsonReader reader,
        int index,
        SenmlLimits limits,
        ref BaseState state,
        List<SenmlRecord> records,
        ErrorSink errors)
    {
        var seen = Field.None;
        var errorsBefore = errors.Total;
        string? bn = null, bu = null, n = null, u = null, vs = null, vd = null;
        double? bt = null, bv = null, bs = null, bver = null, v = null, s = null, t = null, ut = null;
        bool? vb = null;
        bool bnChars = false, nChars = false;

        while (true)
        {
            if (!reader.Read())
            {
                errors.Add(ReasonCodes.MalformedJson, "payload ends inside a record", index);
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = IdentifyField(ref reader, out var fieldName);
            if (field is not Field.UnknownOptional and not Field.UnknownMandatory)
            {
                if ((seen & field) != 0)
                {
                    errors.Add(ReasonCodes.DuplicateField, $"field '{fieldName}' appears more than once", index);
                }

                seen |= field;
            }

            if (!reader.Read())
            {
                errors.Add(ReasonCodes.MalformedJson, "payload ends inside a record", index);
                return false;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                errors.Add(ReasonCodes.TooDeep, $"field '{fieldName}' holds {Describe(reader.TokenType)}; SenML records are flat", index);
                return false;
            }

            switch (field)
            {
                case Field.Bn: bn = ReadName(ref reader, fieldName, index, limits, state.BaseName, state.BaseNameChars, errors, out bnChars); break;
                case Field.N: n = ReadName(ref reader, fieldName, index, limits, state.LastLocalName, state.LastLocalNameChars, errors, out nChars); break;
                case Field.Bu: bu = ReadUnit(ref reader, fieldName, index, errors); break;
                case Field.U: u = ReadUnit(ref reader, fieldName, index, errors); break;
                case Field.Vs: vs = ReadString(ref reader, fieldName, index, errors); break;
                case Field.Vd: vd = ReadString(ref reader, fieldName, index, errors); break;
                case Field.Bt: bt = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.Bv: bv = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.Bs: bs = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.Bver: bver = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.V: v = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.S: s = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.T: t = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.Ut: ut = ReadNumber(ref reader, fieldName, index, errors); break;
                case Field.Vb:
                    if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                    {
                        vb = reader.TokenType == JsonTokenType.True;
                    }
                    else
                    {
                        errors.Add(ReasonCodes.WrongType, $"field 'vb' must be true or false, found {Describe(reader.TokenType)}", index);
                    }

                    break;
                case Field.UnknownMandatory:
                    errors.Add(ReasonCodes.UnknownMandatoryField, $"field '{fieldName}' ends in '_' (must understand) and is not understood", index);
                    break;
                default:
                    // Unknown optional field (RFC 8428 §4.4): ignored. Its value is a scalar (containers were refused above).
                    break;
            }
        }

        // Base fields apply to this record and every later one.
        if (bver is { } declared)
        {
            if (!SenmlVersion.IsSupported(declared))
            {
                errors.Add(ReasonCodes.UnsupportedVersion, $"bver {declared.ToString(CultureInfo.InvariantCulture)} is not supported (1..10 or 26)", index);
            }
            else if (state.DeclaredVersion is { } earlier && earlier != (int)declared)
            {
                errors.Add(ReasonCodes.InconsistentVersion, $"bver {declared.ToString(CultureInfo.InvariantCulture)} differs from bver {earlier} earlier in the pack", index);
            }
            else
            {
                state.DeclaredVersion = (int)declared;
            }
        }

        var version = state.DeclaredVersion ?? SenmlVersion.Base;
        if (bn is not null)
        {
            state.BaseName = bn;
            state.BaseNameChars = bnChars;
        }

        if (bt is { } baseTime)
        {
            state.BaseTime = baseTime;
        }

        if (bu is not null)
        {
            CheckSecondary(bu, "bu", version, index, errors);
            state.BaseUnit = bu;
        }

        if (u is not null)
        {
            CheckSecondary(u, "u", version, index, errors);
        }

        if (bv is not null)
        {
            state.BaseValue = bv;
        }

        if (bs is not null)
        {
            state.BaseSum = bs;
        }

        if (n is not null)
        {
            state.LastLocalName = n;
            state.LastLocalNameChars = nChars;
        }

        var valueFields = (v is null ? 0 : 1) + (vs is null ? 0 : 1) + (vb is null ? 0 : 1) + (vd is null ? 0 : 1);
        if (valueFields > 1)
        {
            errors.Add(ReasonCodes.MultipleValues, "a record carries more than one of v, vs, vb, vd", index);
        }

        if (errors.Total != errorsBefore)
        {
            return true;
        }

        // Resolution (RFC 8428 §4.6). A record with no value, no sum and no base value/sum in effect only sets base
        // fields (e.g. RFC 8428 §5.1.7's first record) and yields no resolved record.
        var kind = SenmlValueKind.None;
        double value = 0;
        if (v is { } number)
        {
            kind = SenmlValueKind.Number;
            value = number + (state.BaseValue ?? 0);
        }
        else if (vs is not null)
        {
            kind = SenmlValueKind.String;
        }
        else if (vb is not null)
        {
            kind = SenmlValueKind.Boolean;
        }
        else if (vd is not null)
        {
            kind = SenmlValueKind.Data;
        }
        else if (s is null && state.BaseValue is { } baseOnly)
        {
            kind = SenmlValueKind.Number;
            value = baseOnly;
        }

        double? sum = s is { } recordSum ? recordSum + (state.BaseSum ?? 0) : (kind == SenmlValueKind.None ? state.BaseSum : null);
        if (kind == SenmlValueKind.None && sum is null)
        {
            return true;
        }

        var localName = n ?? string.Empty;
        if (!CheckName(state.BaseName, state.BaseNameChars, localName, n is null || nChars, limits, index, errors))
        {
            return true;
        }

        var time = state.BaseTime + (t ?? 0);
        if (!double.IsFinite(time) || !double.IsFinite(value) || (sum is { } finiteSum && !double.IsFinite(finiteSum)))
        {
            errors.Add(ReasonCodes.NotFinite, "base and record fields add up to an infinite number", index);
            return true;
        }

        records.Add(new SenmlRecord(
            index,
            state.BaseName,
            localName,
            time,
            u ?? state.BaseUnit,
            kind,
            value,
            vs ?? vd,
            vb ?? false,
            sum,
            ut,
            version));
        return true;
    }

    private static void CheckSecondary(string unit, string field, int version, int index, ErrorSink errors)
    {
        if (SenmlUnits.IsSecondary(unit) && version != SenmlVersion.SecondaryUnits)
        {
            errors.Add(ReasonCodes.SecondaryUnitWithoutBver, $"'{field}' is the secondary unit '{unit}', allowed only in packs with bver {SenmlVersion.SecondaryUnits}", index);
        }
    }

    private static Field IdentifyField(ref Utf8JsonReader reader, out string name)
    {
        Span<char> buffer = stackalloc char[MaxPropertyNameChars];
        var span = reader.ValueSpan;
        if (!reader.ValueIsEscaped && span.Length <= 4)
        {
            var field = Match(span);
            if (field != Field.None)
            {
                name = FieldName(field);
                return field;
            }
        }

        if (reader.ValueIsEscaped && span.Length <= MaxPropertyNameChars)
        {
            var written = reader.CopyString(buffer);
            Span<byte> ascii = stackalloc byte[4];
            if (written <= 4 && TryAscii(buffer[..written], ascii, out var asciiLength))
            {
                var field = Match(ascii[..asciiLength]);
                if (field != Field.None)
                {
                    name = FieldName(field);
                    return field;
                }
            }
        }

        // Unknown field: keep at most 64 characters of its name for messages.
        var full = reader.GetString() ?? string.Empty;
        name = full.Length > MaxPropertyNameChars ? string.Concat(full.AsSpan(0, MaxPropertyNameChars), "...") : full;
        return full.EndsWith('_') ? Field.UnknownMandatory : Field.UnknownOptional;
    }

    private static bool TryAscii(ReadOnlySpan<char> chars, Span<byte> bytes, out int length)
    {
        length = chars.Length;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] > 0x7F)
            {
                return false;
            }

            bytes[i] = (byte)chars[i];
        }

        return true;
    }

    private static Field Match(ReadOnlySpan<byte> name) => name switch
    {
        [(byte)'n'] => Field.N,
        [(byte)'u'] => Field.U,
        [(byte)'v'] => Field.V,
        [(byte)'s'] => Field.S,
        [(byte)'t'] => Field.T,
        [(byte)'b', (byte)'n'] => Field.Bn,
        [(byte)'b', (byte)'t'] => Field.Bt,
        [(byte)'b', (byte)'u'] => Field.Bu,
        [(byte)'b', (byte)'v'] => Field.Bv,
        [(byte)'b', (byte)'s'] => Field.Bs,
        [(byte)'v', (byte)'s'] => Field.Vs,
        [(byte)'v', (byte)'b'] => Field.Vb,
        [(byte)'v', (byte)'d'] => Field.Vd,
        [(byte)'u', (byte)'t'] => Field.Ut,
        [(byte)'b', (byte)'v', (byte)'e', (byte)'r'] => Field.Bver,
        _ => Field.None,
    };

    private static string FieldName(Field field) => field switch
    {
        Field.Bn => "bn",
        Field.Bt => "bt",
        Field.Bu => "bu",
        Field.Bv => "bv",
        Field.Bs => "bs",
        Field.Bver => "bver",
        Field.N => "n",
        Field.U => "u",
        Field.V => "v",
        Field.Vs => "vs",
        Field.Vb => "vb",
        Field.Vd => "vd",
        Field.S => "s",
        Field.T => "t",
        Field.Ut => "ut",
        _ => "?",
    };

    private static double? ReadNumber(ref Utf8JsonReader reader, string field, int index, ErrorSink errors)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            errors.Add(ReasonCodes.WrongType, $"field '{field}' must be a JSON number, found {Describe(reader.TokenType)}", index);
            return null;
        }

        if (!reader.HasValueSequence && TryParseShortDecimal(reader.ValueSpan, out var simple))
        {
            return simple;
        }

        if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            errors.Add(ReasonCodes.NotFinite, $"field '{field}' is a number too large for a double", index);
            return null;
        }

        return value;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// The usual JSON number of a pack (<c>-12.5</c>, <c>1767225540.123456</c>) without the general parser: when the
    /// text is <c>[-]digits[.digits]</c> whose digits, read as an integer m, are at most 2^53, and with k ≤ 22 fractional
    /// digits, the value is m / 10^k — both exact doubles, and one correctly rounded division, so the same double the
    /// general (correctly rounding) parser returns. Anything else (exponents, longer numbers): false.
    /// </summary>
    internal static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var fraction = -1; // digits after the point; -1 while there is no point
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (++digits > 18)
                {
                    return false; // would not fit a ulong exactly; leave it to the general parser
                }

                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || fraction == 0 || mantissa > (1UL << 53) || fraction >= PowersOfTen.Length)
        {
            return false;
        }

        var magnitude = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, int index, ErrorSink errors)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(ReasonCodes.WrongType, $"field '{field}' must be a JSON string, found {Describe(reader.TokenType)}", index);
            return null;
        }

        return reader.GetString();
    }

    private static string? ReadUnit(ref Utf8JsonReader reader, string field, int index, ErrorSink errors)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(ReasonCodes.WrongType, $"field '{field}' must be a JSON string, found {Describe(reader.TokenType)}", index);
            return null;
        }

        if (!reader.ValueIsEscaped && SenmlUnits.TryGetCanonicalUtf8(reader.ValueSpan, out var known))
        {
            return known;
        }

        if (reader.ValueSpan.Length <= SenmlUnits.MaxUnitLength * 6)
        {
            Span<char> buffer = stackalloc char[SenmlUnits.MaxUnitLength * 6];
            var written = reader.CopyString(buffer);
            if (SenmlUnits.TryGetCanonical(buffer[..written], out var canonical, out _))
            {
                return canonical;
            }

            errors.Add(ReasonCodes.UnknownUnit, $"unit '{Printable(buffer[..written])}' is not in the SenML unit table", index);
            return null;
        }

        errors.Add(ReasonCodes.UnknownUnit, $"unit in '{field}' is {reader.ValueSpan.Length} bytes long and not in the SenML unit table", index);
        return null;
    }

    /// <summary>Reads a name; <paramref name="nameChars"/> is true when every character is known to be a SenML name
    /// character (false means "not checked yet", not "invalid").</summary>
    private static string? ReadName(ref Utf8JsonReader reader, string field, int index, SenmlLimits limits, string? previous, bool previousNameChars, ErrorSink errors, out bool nameChars)
    {
        nameChars = false;
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(ReasonCodes.WrongType, $"field '{field}' must be a JSON string, found {Describe(reader.TokenType)}", index);
            return null;
        }

        // Escapes only shrink text, so a longer raw value might still fit; anything over 6x the limit cannot.
        if (reader.ValueSpan.Length > limits.MaxNameLength * 6)
        {
            errors.Add(ReasonCodes.InvalidName, $"field '{field}' is longer than {limits.MaxNameLength} characters", index);
            return null;
        }

        // The usual case, no escapes: match the raw UTF-8 (the payload is already known to be valid UTF-8) against the
        // catalogue and the names this thread has seen, so repeated names cost neither a string nor a check.
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= SenmlNameCache.MaxNameBytes)
        {
            var raw = reader.ValueSpan;
            if (Quantities.TryGetUtf8(raw, out var known))
            {
                nameChars = true; // catalogue names are [a-z0-9_]
                return known.Name;
            }

            if (raw.SequenceEqual("seq"u8))
            {
                nameChars = true;
                return GatewayPackEncoder.SequenceName;
            }

            return SenmlNameCache.Current.Get(raw, out nameChars);
        }

        // Most packs repeat the same names: reuse the string instead of allocating a new one per record.
        if (previous is not null && reader.ValueTextEquals(previous))
        {
            nameChars = previousNameChars;
            return previous;
        }

        // Names are short (a quantity, or a base name of ~40 characters): decode them on the stack.
        const int shortName = 128;
        if (reader.ValueSpan.Length <= shortName)
        {
            Span<char> buffer = stackalloc char[shortName];
            var text = buffer[..reader.CopyString(buffer)];
            if (Quantities.TryGet(text, out var quantity))
            {
                nameChars = true;
                return quantity.Name;
            }

            return text.SequenceEqual(GatewayPackEncoder.SequenceName) ? GatewayPackEncoder.SequenceName : text.ToString();
        }

        return reader.GetString();
    }

    /// <summary>Checks the resolved name; <paramref name="baseNameChars"/>/<paramref name="localNameChars"/> true means that
    /// part is already known to hold name characters only (checked when it was read), so it is not scanned again.</summary>
    private static bool CheckName(string baseName, bool baseNameChars, string localName, bool localNameChars, SenmlLimits limits, int index, ErrorSink errors)
    {
        var length = baseName.Length + localName.Length;
        if (length == 0)
        {
            errors.Add(ReasonCodes.InvalidName, "the resolved name (bn + n) is empty", index);
            return false;
        }

        if (length > limits.MaxNameLength)
        {
            errors.Add(ReasonCodes.InvalidName, $"the resolved name is {length} characters, the limit is {limits.MaxNameLength}", index);
            return false;
        }

        var first = baseName.Length > 0 ? baseName[0] : localName[0];
        if (!char.IsAsciiLetterOrDigit(first))
        {
            errors.Add(ReasonCodes.InvalidName, "the resolved name must start with a letter or digit (RFC 8428 §4.5.1)", index);
            return false;
        }

        if (!(baseNameChars || AllNameChars(baseName)) || !(localNameChars || AllNameChars(localName)))
        {
            errors.Add(ReasonCodes.InvalidName, $"the resolved name '{Printable(string.Concat(baseName, localName))}' has characters outside A-Z a-z 0-9 - : . / _ (RFC 8428 §4.5.1)", index);
            return false;
        }

        return true;
    }

    internal static bool AllNameChars(string text) => !text.AsSpan().ContainsAnyExcept(NameChars);

    internal static string Printable(ReadOnlySpan<char> text)
    {
        const int max = 80;
        var shown = text.Length > max ? text[..max] : text;
        Span<char> buffer = stackalloc char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            buffer[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        return text.Length > max ? string.Concat(buffer, "...") : buffer.ToString();
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
