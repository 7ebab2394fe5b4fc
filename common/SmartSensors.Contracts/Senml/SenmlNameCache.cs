using System.Text;

namespace SmartSensors.Contracts;

/// <summary>
/// A per-thread memo of recently read SenML names (the raw UTF-8 of an unescaped JSON string → its string), so that
/// the base names a gateway repeats in every pack are decoded and checked once, not per pack. Each entry also
/// remembers whether every character of the name is a SenML name character (RFC 8428 §4.5.1), computed when the
/// entry is made. Fixed-size and two-way set-associative (at most <see cref="Slots"/> names of at most
/// <see cref="MaxNameBytes"/> bytes per thread; a new name evicts the less recently used of its set): a miss only
/// costs the decoding the caller would have done anyway. Two ways, because in a direct-mapped table two names that
/// share a slot and alternate (two sensors of one gateway) miss every time, and a miss also gives the name a new
/// string, which defeats the decoder's per-base-name memo keyed by that string's identity.
/// </summary>
internal sealed class SenmlNameCache
{
    /// <summary>Entries per thread (a power of two).</summary>
    public const int Slots = 1024;

    /// <summary>Longer names are not memoised.</summary>
    public const int MaxNameBytes = 128;

    [ThreadStatic]
    private static SenmlNameCache? t_current;

    private readonly Entry?[] _entries = new Entry?[Slots];

    public static SenmlNameCache Current => t_current ??= new SenmlNameCache();

    /// <summary>The string for <paramref name="utf8"/> (valid UTF-8, no JSON escapes, at most
    /// <see cref="MaxNameBytes"/> bytes), and whether all its characters are SenML name characters.</summary>
    public string Get(ReadOnlySpan<byte> utf8, out bool nameChars)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var set = hash.ToHashCode() & (Slots - 2);
        var first = _entries[set];
        if (first is not null && utf8.SequenceEqual(first.Utf8))
        {
            nameChars = first.NameChars;
            return first.Text;
        }

        var second = _entries[set + 1];
        if (second is not null && utf8.SequenceEqual(second.Utf8))
        {
            // Most recently used first.
            _entries[set] = second;
            _entries[set + 1] = first;
            nameChars = second.NameChars;
            return second.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        nameChars = SenmlParser.AllNameChars(text);
        _entries[set + 1] = first;
        _entries[set] = new Entry(utf8.ToArray(), text, nameChars);
        return text;
    }

    private sealed record Entry(byte[] Utf8, string Text, bool NameChars);
}
