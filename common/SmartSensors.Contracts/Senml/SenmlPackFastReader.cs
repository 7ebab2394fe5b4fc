using System.Buffers;

namespace SmartSensors.Contracts;

/// <summary>
/// A fast path in front of <see cref="SenmlParser"/> for the one shape almost every pack on the wire has: the compact
/// JSON <see cref="GatewayPackEncoder"/> writes. It walks the bytes once, with no tokenizer, and accepts only
/// <code>
/// [ record ( , record )* ]
/// record = { ("bn":name ,)? ("bt":number ,)? ("bver":number ,)? "n":name (,"u":unit)? ,"v":number (,"t":number)? }
/// </code>
/// with no whitespace, keys in exactly that order, names of SenML name characters only (no escapes), units from the
/// unit table, and numbers that <see cref="SenmlParser.TryParseShortDecimal"/> reads exactly (no exponent).
/// <para>
/// Contract: <see cref="TryRead"/> returns true only for payloads on which <see cref="SenmlParser.Parse"/> would succeed
/// with no error at all, and then it has added exactly the records <see cref="SenmlParser.Parse"/> would add (same
/// strings, same doubles, same versions). At the first byte it is not sure about, or for anything the general parser
/// would report (limits, unsupported or inconsistent <c>bver</c>, a secondary unit without <c>bver</c> 26, a bad
/// resolved name), it returns false and the caller discards what was added and runs the general parser. Pure: no I/O.
/// </para>
/// </summary>
internal static class SenmlPackFastReader
{
    /// <summary>RFC 8428 §4.5.1 name characters (the set <see cref="SenmlParser.AllNameChars"/> checks), as bytes.</summary>
    private static readonly SearchValues<byte> NameBytes = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(SenmlParser.NameCharacters));

    /// <summary>
    /// Reads <paramref name="utf8"/> into <paramref name="records"/> when it has the encoder's shape and the general
    /// parser would accept it without error. False: not handled (records may have been added; the caller removes them).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, SenmlLimits limits, List<SenmlRecord> records)
    {
        if (utf8.Length > limits.MaxPayloadBytes || utf8.Length < 2 || utf8[0] != (byte)'[')
        {
            return false;
        }

        var state = new State { BaseName = string.Empty };
        var pos = 1;
        for (var index = 0; ; index++)
        {
            if (index >= limits.MaxRecords || !TryReadRecord(utf8, ref pos, index, limits, ref state, records) || pos >= utf8.Length)
            {
                return false;
            }

            var next = utf8[pos++];
            if (next == (byte)']')
            {
                // Nothing may follow the pack, not even whitespace (the general parser allows it; we just decline).
                return pos == utf8.Length;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }

    private struct State
    {
        public string BaseName;
        public double BaseTime;
        public int? DeclaredVersion;
    }

    // The fields the fast path knows, in the only order it accepts them (the encoder's order).
    private const int NoField = 0, Bn = 1, Bt = 2, Bver = 3, N = 4, U = 5, V = 6, T = 7;

    private static bool TryReadRecord(ReadOnlySpan<byte> s, ref int pos, int index, SenmlLimits limits, ref State state, List<SenmlRecord> records)
    {
        if (pos >= s.Length || s[pos] != (byte)'{')
        {
            return false;
        }

        pos++;
        string? bn = null, n = null, u = null;
        double? bt = null, bver = null, v = null, t = null;
        var secondary = false;
        var last = NoField;
        while (true)
        {
            var field = ReadKey(s, ref pos);
            if (field <= last)
            {
                return false; // unknown key, repeated key or keys out of order (NoField is 0, never above last)
            }

            last = field;
            double number;
            switch (field)
            {
                case Bn:
                    if (!TryName(s, ref pos, limits, out bn))
                    {
                        return false;
                    }

                    break;
                case N:
                    if (!TryName(s, ref pos, limits, out n))
                    {
                        return false;
                    }

                    break;
                case U:
                    if (!TryUnit(s, ref pos, out u, out secondary))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!TryNumber(s, ref pos, out number))
                    {
                        return false;
                    }

                    switch (field)
                    {
                        case Bt: bt = number; break;
                        case Bver: bver = number; break;
                        case V: v = number; break;
                        default: t = number; break;
                    }

                    break;
            }

            if (pos >= s.Length)
            {
                return false;
            }

            var next = s[pos++];
            if (next == (byte)'}')
            {
                break;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }

        if (n is null || v is not { } recordValue)
        {
            return false;
        }

        // From here on, the same steps in the same order as SenmlParser.ParseRecord; where it would report an error, decline.
        if (bver is { } declared)
        {
            if (!SenmlVersion.IsSupported(declared) || (state.DeclaredVersion is { } earlier && earlier != (int)declared))
            {
                return false;
            }

            state.DeclaredVersion = (int)declared;
        }

        var version = state.DeclaredVersion ?? SenmlVersion.Base;
        if (bn is not null)
        {
            state.BaseName = bn;
        }

        if (bt is { } baseTime)
        {
            state.BaseTime = baseTime;
        }

        if (secondary && version != SenmlVersion.SecondaryUnits)
        {
            return false;
        }

        // No bv can be in effect: the general parser adds "(base value ?? 0)", so do the same (-0 + 0 is +0).
        var value = recordValue + 0d;

        // CheckName: not empty, not too long, starts with a letter or digit; every character was checked while reading.
        var baseName = state.BaseName;
        var length = baseName.Length + n.Length;
        if (length == 0 || length > limits.MaxNameLength || !char.IsAsciiLetterOrDigit(baseName.Length > 0 ? baseName[0] : n[0]))
        {
            return false;
        }

        var time = state.BaseTime + (t ?? 0);
        if (!double.IsFinite(time) || !double.IsFinite(value))
        {
            return false;
        }

        records.Add(new SenmlRecord(index, baseName, n, time, u, SenmlValueKind.Number, value, null, false, null, null, version));
        return true;
    }

    /// <summary>Reads a key with its colon (<c>"n":</c>, <c>"bn":</c>, <c>"bver":</c>...) at <paramref name="pos"/>;
    /// <see cref="NoField"/> (and <paramref name="pos"/> unspecified) for anything else.</summary>
    private static int ReadKey(ReadOnlySpan<byte> s, ref int pos)
    {
        var rest = s[pos..];
        if (rest.Length < 4 || rest[0] != (byte)'"')
        {
            return NoField;
        }

        if (rest[2] == (byte)'"' && rest[3] == (byte)':')
        {
            pos += 4;
            return rest[1] switch
            {
                (byte)'n' => N,
                (byte)'u' => U,
                (byte)'v' => V,
                (byte)'t' => T,
                _ => NoField,
            };
        }

        if (rest.Length >= 5 && rest[1] == (byte)'b' && rest[3] == (byte)'"' && rest[4] == (byte)':')
        {
            pos += 5;
            return rest[2] switch
            {
                (byte)'n' => Bn,
                (byte)'t' => Bt,
                _ => NoField,
            };
        }

        if (rest.StartsWith("\"bver\":"u8))
        {
            pos += 7;
            return Bver;
        }

        return NoField;
    }

    /// <summary>A JSON string of name characters only, resolved to the string the general parser's ReadName gives.</summary>
    private static bool TryName(ReadOnlySpan<byte> s, ref int pos, SenmlLimits limits, out string name)
    {
        name = string.Empty;
        if (!TryStringBody(s, ref pos, out var raw)
            || raw.Length > SenmlNameCache.MaxNameBytes
            || raw.Length > limits.MaxNameLength * 6
            || raw.ContainsAnyExcept(NameBytes))
        {
            return false;
        }

        // The same lookups, in the same order, as SenmlParser.ReadName's unescaped case.
        if (Quantities.TryGetUtf8(raw, out var known))
        {
            name = known.Name;
            return true;
        }

        if (raw.SequenceEqual("seq"u8))
        {
            name = GatewayPackEncoder.SequenceName;
            return true;
        }

        name = SenmlNameCache.Current.Get(raw, out var allNameChars);
        return allNameChars;
    }

    /// <summary>A JSON string that is a unit of the table. Table units hold neither a backslash nor control characters, so a
    /// match is also a string with no escape in it (a string that has one cannot match).</summary>
    private static bool TryUnit(ReadOnlySpan<byte> s, ref int pos, out string? unit, out bool secondary)
    {
        unit = null;
        secondary = false;
        return TryStringBody(s, ref pos, out var raw)
            && raw.Length <= SenmlUnits.MaxUnitLength
            && SenmlUnits.TryGetCanonicalUtf8(raw, out unit, out secondary);
    }

    /// <summary>The bytes from the opening quote at <paramref name="pos"/> to the next quote. The caller checks them:
    /// only a body without a backslash is a whole JSON string.</summary>
    private static bool TryStringBody(ReadOnlySpan<byte> s, ref int pos, out ReadOnlySpan<byte> raw)
    {
        raw = default;
        if (pos >= s.Length || s[pos] != (byte)'"')
        {
            return false;
        }

        var length = s[(pos + 1)..].IndexOf((byte)'"');
        if (length < 0)
        {
            return false;
        }

        raw = s.Slice(pos + 1, length);
        pos += length + 2;
        return true;
    }

    /// <summary>A JSON number <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c> (no exponent) that TryParseShortDecimal reads exactly.
    /// What follows it is the caller's business (anything but ',' or '}' makes the record decline).</summary>
    private static bool TryNumber(ReadOnlySpan<byte> s, ref int pos, out double value)
    {
        value = 0;
        var p = pos;
        if (p < s.Length && s[p] == (byte)'-')
        {
            p++;
        }

        if (p >= s.Length)
        {
            return false;
        }

        if (s[p] == (byte)'0')
        {
            p++;
        }
        else if (s[p] is >= (byte)'1' and <= (byte)'9')
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit((char)s[p]))
            {
                p++;
            }
        }
        else
        {
            return false;
        }

        if (p < s.Length && s[p] == (byte)'.')
        {
            var fraction = ++p;
            while (p < s.Length && char.IsAsciiDigit((char)s[p]))
            {
                p++;
            }

            if (p == fraction)
            {
                return false;
            }
        }

        if (!SenmlParser.TryParseShortDecimal(s[pos..p], out value))
        {
            return false;
        }

        pos = p;
        return true;
    }
}
