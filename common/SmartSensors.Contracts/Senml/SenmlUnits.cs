using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SmartSensors.Contracts;

/// <summary>
/// The SenML unit table: the units registered by RFC 8428 §12.1 (primary units) and the secondary units
/// (RFC 8798) this contract recognises. Secondary units may appear only in packs that declare <c>bver</c> 26
/// (version 10 plus the RFC 9100 "secondary units" feature bit). Any other unit string is unknown.
/// </summary>
public static class SenmlUnits
{
    /// <summary>degrees Celsius.</summary>
    public const string Celsius = "Cel";
    /// <summary>relative humidity, percent.</summary>
    public const string RelativeHumidity = "%RH";
    /// <summary>percent (RFC 8428 registry).</summary>
    public const string Percent = "%";
    /// <summary>metre.</summary>
    public const string Metre = "m";
    /// <summary>second.</summary>
    public const string Second = "s";
    /// <summary>counter value.</summary>
    public const string Count = "count";
    /// <summary>pascal.</summary>
    public const string Pascal = "Pa";
    /// <summary>micrograms per cubic metre (secondary, RFC 8798).</summary>
    public const string MicrogramsPerCubicMetre = "ug/m3";
    /// <summary>parts per million (secondary, RFC 8798).</summary>
    public const string PartsPerMillion = "ppm";
    /// <summary>hectopascal (secondary, RFC 8798).</summary>
    public const string Hectopascal = "hPa";
    /// <summary>millimetre (secondary, RFC 8798).</summary>
    public const string Millimetre = "mm";

    /// <summary>Longest unit string in the table; longer strings are unknown without a lookup.</summary>
    public const int MaxUnitLength = 16;

    private static readonly string[] PrimaryUnits =
    [
        "m", "kg", "g", "s", "A", "K", "cd", "mol", "Hz", "rad", "sr", "N", Pascal, "J", "W", "C", "V", "F", "Ohm",
        "S", "Wb", "T", "H", Celsius, "lm", "lx", "Bq", "Gy", "Sv", "kat", "m2", "m3", "l", "m/s", "m/s2", "m3/s", "l/s",
        "W/m2", "cd/m2", "bit", "bit/s", "lat", "lon", "pH", "dB", "dBW", "Bspl", Count, "/", Percent, RelativeHumidity,
        "%EL", "EL", "1/s", "1/min", "beat/min", "beats", "S/m", "B", "VA", "VAs", "var", "vars", "J/m", "kg/m3", "deg",
    ];

    private static readonly string[] SecondaryUnits = [MicrogramsPerCubicMetre, PartsPerMillion, Hectopascal, Millimetre];

    private static readonly FrozenDictionary<string, (string Unit, bool Secondary)> Table =
        PrimaryUnits.Select(u => KeyValuePair.Create(u, (u, false)))
            .Concat(SecondaryUnits.Select(u => KeyValuePair.Create(u, (u, true))))
            .ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (string Unit, bool Secondary)>.AlternateLookup<ReadOnlySpan<char>> TableSpan =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    // The table as UTF-8, bucketed by byte length, to look a unit up straight from the JSON bytes.
    private static readonly (byte[] Utf8, string Unit, bool Secondary)[][] ByUtf8Length = BuildUtf8Table();

    /// <summary>Every primary (RFC 8428) unit.</summary>
    public static IReadOnlyList<string> Primary => PrimaryUnits;

    /// <summary>Every secondary (RFC 8798) unit this contract recognises.</summary>
    public static IReadOnlyList<string> Secondary => SecondaryUnits;

    /// <summary>True when the unit is in the table (primary or secondary).</summary>
    public static bool IsKnown([NotNullWhen(true)] string? unit) => unit is not null && Table.ContainsKey(unit);

    /// <summary>True when the unit is a secondary unit, i.e. needs <c>bver</c> 26.</summary>
    public static bool IsSecondary(string? unit) => unit is not null && Table.TryGetValue(unit, out var entry) && entry.Secondary;

    /// <summary>Looks a unit given as UTF-8 up without allocating; returns the interned table string.</summary>
    internal static bool TryGetCanonicalUtf8(ReadOnlySpan<byte> unit, [NotNullWhen(true)] out string? canonical) =>
        TryGetCanonicalUtf8(unit, out canonical, out _);

    /// <summary>Looks a unit given as UTF-8 up without allocating; returns the interned table string and whether it
    /// is a secondary unit (what <see cref="IsSecondary"/> says of it).</summary>
    internal static bool TryGetCanonicalUtf8(ReadOnlySpan<byte> unit, [NotNullWhen(true)] out string? canonical, out bool secondary)
    {
        if (unit.Length < ByUtf8Length.Length)
        {
            foreach (var (utf8, text, isSecondary) in ByUtf8Length[unit.Length])
            {
                if (unit.SequenceEqual(utf8))
                {
                    canonical = text;
                    secondary = isSecondary;
                    return true;
                }
            }
        }

        canonical = null;
        secondary = false;
        return false;
    }

    /// <summary>Looks a unit up without allocating; returns the interned table string.</summary>
    internal static bool TryGetCanonical(ReadOnlySpan<char> unit, [NotNullWhen(true)] out string? canonical, out bool secondary)
    {
        if (TableSpan.TryGetValue(unit, out var entry))
        {
            canonical = entry.Unit;
            secondary = entry.Secondary;
            return true;
        }

        canonical = null;
        secondary = false;
        return false;
    }

    private static (byte[] Utf8, string Unit, bool Secondary)[][] BuildUtf8Table()
    {
        var entries = Table.Select(e => (Utf8: System.Text.Encoding.UTF8.GetBytes(e.Key), e.Value.Unit, e.Value.Secondary)).ToList();
        var buckets = new (byte[] Utf8, string Unit, bool Secondary)[entries.Max(e => e.Utf8.Length) + 1][];
        for (var length = 0; length < buckets.Length; length++)
        {
            buckets[length] = [.. entries.Where(e => e.Utf8.Length == length)];
        }

        return buckets;
    }
}
