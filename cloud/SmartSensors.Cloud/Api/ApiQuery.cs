using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Api;

/// <summary>Parses and checks query and route parameters; on failure gives the 400 problem naming the parameter.
/// Values that reach InfluxDB or SQLite are only ever bound as parameters; these checks make bad input a clear 400
/// instead of an empty answer.</summary>
internal static class ApiQuery
{
    private const int MaxTextLength = 64;

    /// <summary>A site, gateway or sensor id: lowercase <c>[a-z0-9-]{1,64}</c> (the wire contract's id rule).</summary>
    public static bool TryId(string name, string? value, bool required, out string? id, [NotNullWhen(false)] out IResult? problem)
    {
        id = null;
        problem = null;
        if (value is null)
        {
            if (required)
            {
                problem = ApiProblems.BadParameter(name, "is required.");
                return false;
            }

            return true;
        }

        if (!Topics.IsValidId(value))
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' is not an id (lowercase letters, digits and '-', 1-64 characters).");
            return false;
        }

        id = value;
        return true;
    }

    /// <summary>A quantity of the catalogue (e.g. <c>pm2_5</c>, <c>temperature</c>).</summary>
    public static bool TryQuantity(string name, string? value, [NotNullWhen(true)] out QuantityDefinition? quantity, [NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            quantity = null;
            problem = ApiProblems.BadParameter(name, "is required (one of " + string.Join(", ", Quantities.All.Select(q => q.Name)) + ").");
            return false;
        }

        if (!Quantities.TryGet(value, out quantity))
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' is not a known quantity (one of {string.Join(", ", Quantities.All.Select(q => q.Name))}).");
            return false;
        }

        return true;
    }

    /// <summary>An ISO 8601 / RFC 3339 time such as <c>2025-06-01T12:00:00Z</c>.</summary>
    public static bool TryTime(string name, string? value, DateTimeOffset fallback, out DateTimeOffset time, [NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        time = fallback;
        if (value is null)
        {
            return true;
        }

        if (value.Length > MaxTextLength
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            || time.Year is < 1971 or > 2200)
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' is not an ISO 8601 time between 1971 and 2200 (e.g. 2025-06-01T12:00:00Z).");
            return false;
        }

        time = time.ToUniversalTime();
        return true;
    }

    /// <summary>A duration like <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>: a whole number and one unit.</summary>
    public static bool TryWindow(string name, string? value, TimeSpan max, out TimeSpan? window, [NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        window = null;
        if (value is null)
        {
            return true;
        }

        if (value.Length is < 2 or > 8
            || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || value[^1] is not ('s' or 'm' or 'h' or 'd'))
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' is not a window (a whole number and s, m, h or d, e.g. 5m).");
            return false;
        }

        var seconds = count * value[^1] switch { 's' => 1L, 'm' => 60L, 'h' => 3600L, _ => 86400L };
        if (count < 1 || seconds > (long)max.TotalSeconds)
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' must be at least 1s and at most {Format(max)}.");
            return false;
        }

        window = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>A whole number in [1, <paramref name="max"/>].</summary>
    public static bool TryLimit(string name, string? value, int fallback, int max, out int limit, [NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        limit = fallback;
        if (value is null)
        {
            return true;
        }

        if (value.Length > 10 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max)
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' must be a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}.");
            return false;
        }

        return true;
    }

    /// <summary>One of a fixed set of words.</summary>
    public static bool TryChoice(string name, string? value, IReadOnlyList<string> choices, out string? choice, [NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        choice = null;
        if (value is null)
        {
            return true;
        }

        if (!choices.Contains(value, StringComparer.Ordinal))
        {
            problem = ApiProblems.BadParameter(name, $"'{Shown(value)}' is not one of {string.Join(", ", choices)}.");
            return false;
        }

        choice = value;
        return true;
    }

    /// <summary>A duration in the window syntax (<c>5m</c>, <c>1h</c>, <c>2d</c>).</summary>
    public static string Format(TimeSpan span)
    {
        var seconds = (long)span.TotalSeconds;
        return seconds % 86400 == 0 ? $"{seconds / 86400}d"
            : seconds % 3600 == 0 ? $"{seconds / 3600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }

    // Echoes what was sent, cut and without control characters.
    private static string Shown(string value)
    {
        var cut = value.Length > MaxTextLength ? value[..MaxTextLength] + "..." : value;
        return new string([.. cut.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
