namespace SmartSensors.Influx.LineProtocol;

/// <summary>
/// A point that cannot be written as line protocol, with the element at fault and the reason. The point is
/// discarded from the buffer when this is thrown; lines written before it are kept.
/// </summary>
public sealed class LineProtocolException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public LineProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LineProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public LineProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an element, naming it in the message.</summary>
    public LineProtocolException(LineProtocolElement element, string? name, string reason)
        : base(FormatMessage(element, name, reason))
    {
        Element = element;
        Reason = reason;
    }

    /// <summary>The element that was refused.</summary>
    public LineProtocolElement Element { get; }

    /// <summary>Why it was refused, without the element prefix.</summary>
    public string Reason { get; } = string.Empty;

    private static string FormatMessage(LineProtocolElement element, string? name, string reason)
    {
        string what = element switch
        {
            LineProtocolElement.Point => "Point",
            LineProtocolElement.Measurement => "Measurement",
            LineProtocolElement.TagKey => "Tag key",
            LineProtocolElement.TagValue => "Tag value",
            LineProtocolElement.FieldKey => "Field key",
            LineProtocolElement.FieldValue => "Field value",
            LineProtocolElement.Timestamp => "Timestamp",
            _ => element.ToString(),
        };
        if (name is null)
        {
            return $"{what} refused: {reason}";
        }

        // Keep the message bounded and printable even for hostile names.
        string shown = name.Length > 64 ? string.Concat(name.AsSpan(0, 64), "…") : name;
        shown = shown.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        return $"{what} '{shown}' refused: {reason}";
    }
}
