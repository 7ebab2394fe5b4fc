using System.Globalization;
using System.Text;

namespace SmartSensors.Influx.Query;

/// <summary>
/// Helpers to build InfluxQL safely. User-supplied values belong in bound parameters (<c>$name</c> with the
/// <c>params</c> argument of <see cref="InfluxQueryClient"/>); identifiers (measurement, tag, field, database and
/// retention-policy names) cannot be bound everywhere, so quote them with <see cref="QuoteIdentifier"/>.
/// </summary>
public static class InfluxQL
{
    /// <summary>Quotes an identifier: <c>"…"</c> with backslash and double quote escaped, newlines refused.</summary>
    public static string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0)
        {
            throw new ArgumentException("An InfluxQL identifier cannot be empty.", nameof(identifier));
        }

        if (identifier.AsSpan().ContainsAny('\n', '\r'))
        {
            throw new ArgumentException("An InfluxQL identifier cannot contain a newline.", nameof(identifier));
        }

        var builder = new StringBuilder(identifier.Length + 2);
        builder.Append('"');
        foreach (char c in identifier)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Formats a duration literal (e.g. <c>720h</c>, <c>90m</c>, <c>15s</c>); whole seconds only, at least 1 s.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1) || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "An InfluxQL duration here must be a whole number of seconds, at least 1 s.");
        }

        long seconds = (long)duration.TotalSeconds;
        if (seconds % 3600 == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h");
        }

        if (seconds % 60 == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
    }
}
