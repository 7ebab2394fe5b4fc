namespace SmartSensors.Admin.Cli;

/// <summary>Shows untrusted input in a message without control characters or unbounded length.</summary>
internal static class Printable
{
    private const int MaxShown = 80;

    public static string Of(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var shown = text.Length > MaxShown ? text[..MaxShown] : text;
        var chars = shown.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        return text.Length > MaxShown ? new string(chars) + $"... ({text.Length} characters)" : new string(chars);
    }
}
