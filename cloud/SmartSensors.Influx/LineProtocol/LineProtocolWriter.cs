using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace SmartSensors.Influx.LineProtocol;

/// <summary>
/// Encodes points as InfluxDB line protocol into a pooled <see cref="LineProtocolBuffer"/> without allocating
/// per point: <c>writer.Measurement("air").Tag("site", "x").Field("pm25", 12.5).Timestamp(t)</c>.
/// </summary>
/// <remarks>
/// <para>Escaping follows the line-protocol reference: measurement names escape comma and space; tag keys, tag
/// values and field keys escape comma, equals sign and space; string field values escape double quote and
/// backslash. Other backslashes are written as they are (InfluxDB keeps them literally).</para>
/// <para>Refused, with a <see cref="LineProtocolException"/> naming the element and the reason: empty names and tag
/// values, newlines (line protocol has no escape for them), names ending in a backslash (InfluxDB would read it as
/// escaping the following separator), names with a backslash right before a comma, equals sign, space or double
/// quote (InfluxDB 1.x does not read them back as written), a measurement starting with <c>#</c> (a comment line), the reserved key
/// <c>time</c>, duplicate tag keys, lone UTF-16 surrogates, NaN and infinities, timestamps outside InfluxDB's range,
/// string values over 64 KiB and points without fields. A refused point leaves nothing in the buffer.</para>
/// <para>Tags are sorted by key (ordinal, as InfluxDB recommends). Fields keep the order they were given in.</para>
/// <para>Unsigned fields: InfluxDB 1.x release builds refuse the <c>u</c> suffix ("invalid number", measured on
/// 1.6.7), so unless <see cref="UnsignedIntegers"/> is set, unsigned values are written as integers (<c>i</c>)
/// and values above <see cref="long.MaxValue"/> are refused. InfluxDB 2.x and 3.x accept <c>u</c>.</para>
/// <para>Not thread-safe: one writer per thread.</para>
/// </remarks>
public sealed class LineProtocolWriter
{
    /// <summary>Longest name, tag value (characters) and string field value (UTF-8 bytes) accepted: 64 KiB,
    /// InfluxDB's limit for string values and series keys.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= ");
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> Newlines = SearchValues.Create("\n\r");
    private static readonly SearchValues<string> BackslashBeforeEscapable = SearchValues.Create(["\\,", "\\=", "\\ ", "\\\""], StringComparison.Ordinal);
    private static readonly SearchValues<char> NewlinesOrBackslash = SearchValues.Create("\n\r\\");

    private readonly LineProtocolBuffer _buffer;
    private (string Key, string Value)[] _tags = new (string, string)[8];
    private int _tagCount;
    private int _fieldCount;
    private int _lineStart;
    private bool _inPoint;
    private bool _seriesGiven; // the point was started with Series(): its tags are already written
    private string? _measurement;

    /// <summary>Creates a writer appending to <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Where lines are written; the caller owns and disposes it.</param>
    /// <param name="precision">The unit of timestamps (must match the <c>precision</c> the batch is sent with).</param>
    /// <param name="unsignedIntegers">Whether the server accepts the <c>u</c> suffix (InfluxDB 2.x/3.x; not 1.x).</param>
    public LineProtocolWriter(LineProtocolBuffer buffer, LinePrecision precision = LinePrecision.Nanoseconds, bool unsignedIntegers = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision.");
        }

        _buffer = buffer;
        Precision = precision;
        UnsignedIntegers = unsignedIntegers;
    }

    /// <summary>The unit of timestamps written by <see cref="Timestamp(long)"/> and <see cref="Timestamp(DateTimeOffset)"/>.</summary>
    public LinePrecision Precision { get; }

    /// <summary>Whether unsigned values are written with the <c>u</c> suffix.</summary>
    public bool UnsignedIntegers { get; }

    /// <summary>The buffer lines are written to.</summary>
    public LineProtocolBuffer Buffer => _buffer;

    /// <summary>Complete lines written since creation or the last <see cref="Clear"/>.</summary>
    public int LineCount { get; private set; }

    /// <summary>Empties the buffer and forgets any unfinished point.</summary>
    public void Clear()
    {
        _buffer.Clear();
        ResetPoint();
        _lineStart = 0;
        LineCount = 0;
    }

    /// <summary>Starts a point. Any unfinished point is refused first.</summary>
    public LineProtocolWriter Measurement(string name)
    {
        if (_inPoint)
        {
            Refuse(LineProtocolElement.Point, _measurement,
                "the previous point was not finished with Timestamp() or EndLine()");
        }

        ArgumentNullException.ThrowIfNull(name);
        string? problem = NameProblem(name);
        if (problem is null && name[0] == '#')
        {
            problem = "it starts with '#', which makes the line a comment that InfluxDB silently ignores";
        }

        if (problem is not null)
        {
            Refuse(LineProtocolElement.Measurement, name, problem);
        }

        _lineStart = _buffer.Length;
        _inPoint = true;
        _measurement = name;
        WriteEscaped(name, MeasurementSpecials, LineProtocolElement.Measurement);
        return this;
    }

    /// <summary>Starts a point of a series key encoded before (its measurement and tags were checked when it was
    /// made; no further tags may be added). Any unfinished point is refused first.</summary>
    public LineProtocolWriter Series(LineSeriesKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_inPoint)
        {
            Refuse(LineProtocolElement.Point, _measurement,
                "the previous point was not finished with Timestamp() or EndLine()");
        }

        _lineStart = _buffer.Length;
        _inPoint = true;
        _seriesGiven = true;
        _measurement = key.Measurement;
        _buffer.Write(key.Utf8);
        return this;
    }

    /// <summary>Adds a tag. Tags must come before fields; they are written sorted by key.</summary>
    public LineProtocolWriter Tag(string key, string value)
    {
        RequirePoint();
        if (_fieldCount > 0)
        {
            Refuse(LineProtocolElement.TagKey, key, "tags must be added before the first field");
        }

        if (_seriesGiven)
        {
            Refuse(LineProtocolElement.TagKey, key, "the point was started from a series key, which holds all its tags");
        }

        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        string? problem = KeyProblem(key);
        if (problem is not null)
        {
            Refuse(LineProtocolElement.TagKey, key, problem);
        }

        problem = NameProblem(value);
        if (problem is not null)
        {
            Refuse(LineProtocolElement.TagValue, value, problem + $" (tag '{key}')");
        }

        if (_tagCount == _tags.Length)
        {
            Array.Resize(ref _tags, _tags.Length * 2);
        }

        _tags[_tagCount++] = (key, value);
        return this;
    }

    /// <summary>Adds a float field, formatted as the shortest text that round-trips.</summary>
    public LineProtocolWriter Field(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            Refuse(LineProtocolElement.FieldValue, key, $"{value.ToString(CultureInfo.InvariantCulture)} cannot be stored (InfluxDB floats must be finite)");
        }

        StartField(key);
        Span<byte> span = _buffer.GetSpan(32);
        if (!TryFormatShortDecimal(value, span, out int written) && !value.TryFormat(span, out written, default, CultureInfo.InvariantCulture))
        {
            Refuse(LineProtocolElement.FieldValue, key, "could not be formatted");
        }

        _buffer.Advance(written);
        return this;
    }

    /// <summary>Adds an integer field (<c>i</c> suffix).</summary>
    public LineProtocolWriter Field(string key, long value)
    {
        StartField(key);
        WriteInteger(value);
        _buffer.WriteByte((byte)'i');
        return this;
    }

    /// <summary>Adds an unsigned field: <c>u</c> suffix when <see cref="UnsignedIntegers"/>, otherwise an integer
    /// (refused above <see cref="long.MaxValue"/>).</summary>
    public LineProtocolWriter Field(string key, ulong value)
    {
        if (!UnsignedIntegers && value > long.MaxValue)
        {
            Refuse(LineProtocolElement.FieldValue, key,
                $"{value} exceeds the largest integer InfluxDB 1.x stores ({long.MaxValue}) and this writer is not set to use unsigned (u) fields");
        }

        StartField(key);
        Span<byte> span = _buffer.GetSpan(24);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _buffer.Advance(written);
        _buffer.WriteByte(UnsignedIntegers ? (byte)'u' : (byte)'i');
        return this;
    }

    /// <summary>Adds a boolean field (<c>true</c>/<c>false</c>).</summary>
    public LineProtocolWriter Field(string key, bool value)
    {
        StartField(key);
        _buffer.Write(value ? "true"u8 : "false"u8);
        return this;
    }

    /// <summary>Adds a string field, quoted, with double quotes and backslashes escaped.</summary>
    public LineProtocolWriter Field(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            Refuse(LineProtocolElement.FieldValue, key, $"the string is longer than InfluxDB's limit of {MaxLength} bytes");
        }

        if (value.AsSpan().ContainsAny(Newlines))
        {
            Refuse(LineProtocolElement.FieldValue, key, "the string contains a newline (line protocol does not support newlines in field values)");
        }

        StartField(key);
        _buffer.WriteByte((byte)'"');
        int start = _buffer.Length;
        int escapes = WriteEscaped(value, StringSpecials, LineProtocolElement.FieldValue);
        if (_buffer.Length - start - escapes > MaxLength)
        {
            Refuse(LineProtocolElement.FieldValue, key, $"the string is longer than InfluxDB's limit of {MaxLength} bytes");
        }

        _buffer.WriteByte((byte)'"');
        return this;
    }

    /// <summary>Finishes the point with a timestamp in <see cref="Precision"/> units.</summary>
    public void Timestamp(long timestamp)
    {
        FinishFields();
        if (!Precision.IsInRange(timestamp))
        {
            Refuse(LineProtocolElement.Timestamp, null,
                $"{timestamp} ({Precision}) is outside the range InfluxDB stores (1677-09-21 to 2262-04-11)");
        }

        _buffer.WriteByte((byte)' ');
        WriteInteger(timestamp);
        EndPoint();
    }

    /// <summary>Finishes the point with an instant, truncated to <see cref="Precision"/>.</summary>
    public void Timestamp(DateTimeOffset instant)
    {
        if (!Precision.TryToTimestamp(instant, out long timestamp))
        {
            FinishFields();
            Refuse(LineProtocolElement.Timestamp, null,
                $"{instant:O} is outside the range InfluxDB stores (1677-09-21 to 2262-04-11)");
        }

        Timestamp(timestamp);
    }

    /// <summary>Finishes the point without a timestamp (the server assigns its current time).</summary>
    public void EndLine()
    {
        FinishFields();
        EndPoint();
    }

    /// <summary>Abandons the unfinished point, if any, removing what was written of it.</summary>
    public void DiscardPoint()
    {
        if (_inPoint)
        {
            _buffer.Truncate(_lineStart);
        }

        ResetPoint();
    }

    private void EndPoint()
    {
        _buffer.WriteByte((byte)'\n');
        LineCount++;
        ResetPoint();
    }

    private void ResetPoint()
    {
        _inPoint = false;
        _seriesGiven = false;
        _measurement = null;
        Array.Clear(_tags, 0, _tagCount); // drop references to caller strings
        _tagCount = 0;
        _fieldCount = 0;
    }

    private void RequirePoint()
    {
        if (!_inPoint)
        {
            Refuse(LineProtocolElement.Point, null, "Measurement() must be called first");
        }
    }

    private void FinishFields()
    {
        RequirePoint();
        if (_fieldCount == 0)
        {
            Refuse(LineProtocolElement.Point, _measurement, "a point needs at least one field");
        }
    }

    private void StartField(string key)
    {
        RequirePoint();
        ArgumentNullException.ThrowIfNull(key);
        string? problem = KeyProblem(key);
        if (problem is not null)
        {
            Refuse(LineProtocolElement.FieldKey, key, problem);
        }

        if (_fieldCount == 0)
        {
            WriteTags();
            _buffer.WriteByte((byte)' ');
        }
        else
        {
            _buffer.WriteByte((byte)',');
        }

        _fieldCount++;
        WriteEscaped(key, KeySpecials, LineProtocolElement.FieldKey);
        _buffer.WriteByte((byte)'=');
    }

    private void WriteTags()
    {
        // Insertion sort: tag sets are small, and this allocates nothing.
        var tags = _tags;
        for (int i = 1; i < _tagCount; i++)
        {
            var current = tags[i];
            int j = i - 1;
            while (j >= 0 && string.CompareOrdinal(tags[j].Key, current.Key) > 0)
            {
                tags[j + 1] = tags[j];
                j--;
            }

            tags[j + 1] = current;
        }

        for (int i = 0; i < _tagCount; i++)
        {
            if (i > 0 && string.Equals(tags[i - 1].Key, tags[i].Key, StringComparison.Ordinal))
            {
                Refuse(LineProtocolElement.TagKey, tags[i].Key, "the tag key is given twice");
            }

            _buffer.WriteByte((byte)',');
            WriteEscaped(tags[i].Key, KeySpecials, LineProtocolElement.TagKey);
            _buffer.WriteByte((byte)'=');
            WriteEscaped(tags[i].Value, KeySpecials, LineProtocolElement.TagValue);
        }
    }

    /// <summary>Writes the tags of the point begun with <see cref="Measurement"/> and <see cref="Tag"/>, returns the
    /// series key written so far and abandons the point (for <see cref="LineSeriesKey.Create"/>).</summary>
    internal byte[] TakeSeriesKey()
    {
        RequirePoint();
        WriteTags();
        byte[] key = _buffer.WrittenSpan[_lineStart..].ToArray();
        DiscardPoint();
        return key;
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>The common case of sensor values, a decimal with few fractional digits (12.5, 1012.44), written
    /// without the general shortest-round-trip algorithm: the fewest fractional digits k ≤ 9 for which m / 10^k is
    /// exactly <paramref name="value"/> (m and 10^k are exact doubles and the division is correctly rounded, so the text
    /// reads back as the same double). Same text as <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
    /// in the range it handles (checked by the tests); false for anything else.</summary>
    internal static bool TryFormatShortDecimal(double value, Span<byte> destination, out int written)
    {
        written = 0;
        double magnitude = Math.Abs(value);
        // 1e-4..1e15: where .NET writes plain decimals (not E notation) and m stays below 2^53. Zero: not -0.
        if (!(magnitude >= 1e-4 && magnitude < 1e15) && !(value == 0 && !double.IsNegative(value)))
        {
            return false;
        }

        for (int k = 0; k < PowersOfTen.Length; k++)
        {
            double scaled = Math.Round(value * PowersOfTen[k]);
            if (Math.Abs(scaled) >= 9_007_199_254_740_992d)
            {
                return false;
            }

            if (scaled / PowersOfTen[k] != value)
            {
                continue;
            }

            long m = (long)scaled;
            if (m % 10 == 0 && k > 0)
            {
                return false; // cannot happen for the smallest k; be safe rather than write a trailing zero
            }

            Span<byte> digits = stackalloc byte[20];
            ulong rest = (ulong)Math.Abs(m);
            int count = 0;
            do
            {
                digits[count++] = (byte)('0' + (int)(rest % 10));
                rest /= 10;
            }
            while (rest != 0);

            // digits[] holds the digits of |m|, least significant first; pad to k + 1 so there is an integer digit.
            while (count < k + 1)
            {
                digits[count++] = (byte)'0';
            }

            int needed = (m < 0 ? 1 : 0) + count + (k > 0 ? 1 : 0);
            if (needed > destination.Length)
            {
                return false;
            }

            int position = 0;
            if (m < 0)
            {
                destination[position++] = (byte)'-';
            }

            for (int i = count - 1; i >= 0; i--)
            {
                destination[position++] = digits[i];
                if (i == k && k > 0)
                {
                    destination[position++] = (byte)'.';
                }
            }

            written = position;
            return true;
        }

        return false;
    }

    private void WriteInteger(long value)
    {
        Span<byte> span = _buffer.GetSpan(24);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _buffer.Advance(written);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 with a backslash before each special character.
    /// Returns the number of escape backslashes written.</summary>
    private int WriteEscaped(string text, SearchValues<char> specials, LineProtocolElement element)
    {
        ReadOnlySpan<char> source = text;
        // UTF-8 needs at most 3 bytes per UTF-16 unit; an escaped (ASCII) special needs 2.
        Span<byte> destination = _buffer.GetSpan(source.Length * 3);
        int written = 0;
        int escapes = 0;
        while (true)
        {
            int index = source.IndexOfAny(specials);
            ReadOnlySpan<char> chunk = index < 0 ? source : source[..index];
            if (!chunk.IsEmpty)
            {
                OperationStatus status = Utf8.FromUtf16(chunk, destination[written..], out _, out int bytes, replaceInvalidSequences: false);
                if (status != OperationStatus.Done)
                {
                    Refuse(element, text, "it is not valid Unicode (it contains an unpaired surrogate)");
                }

                written += bytes;
            }

            if (index < 0)
            {
                break;
            }

            destination[written++] = (byte)'\\';
            destination[written++] = (byte)source[index];
            escapes++;
            source = source[(index + 1)..];
        }

        _buffer.Advance(written);
        return escapes;
    }

    private static string? NameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (!name.AsSpan().ContainsAny(NewlinesOrBackslash))
        {
            return null; // the usual case: one vectorised scan instead of three
        }

        if (name.AsSpan().ContainsAny(Newlines))
        {
            return "it contains a newline (line protocol has no escape for newlines)";
        }

        if (name[^1] == '\\')
        {
            return "it ends with a backslash, which InfluxDB reads as escaping the separator after it";
        }

        if (name.AsSpan().IndexOfAny(BackslashBeforeEscapable) >= 0)
        {
            // InfluxDB 1.x unescapes names inconsistently: a measurement loses the backslash of "\\ ", "\\," and
            // "\\="; a field key cannot contain "\\\\ "; tags lose the backslash of "\\\"" (measured on 1.6.7).
            return "it has a backslash directly before a comma, equals sign, space or double quote, which InfluxDB 1.x does not read back as written";
        }

        return null;
    }

    private static string? KeyProblem(string key)
    {
        string? problem = NameProblem(key);
        if (problem is null && string.Equals(key, "time", StringComparison.Ordinal))
        {
            problem = "'time' is reserved: InfluxDB drops points that use it as a tag or field key";
        }

        return problem;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Refuse(LineProtocolElement element, string? name, string reason)
    {
        DiscardPoint();
        throw new LineProtocolException(element, name, reason);
    }
}
