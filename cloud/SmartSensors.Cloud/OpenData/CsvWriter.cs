using System.Globalization;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Writes RFC 4180 CSV: records end with CRLF, fields are separated by commas, a field holding a comma, a double quote,
/// CR or LF is enclosed in double quotes with its quotes doubled. Text cells are also made safe for spreadsheets
/// (CSV injection, OWASP): a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or CR gets a leading
/// apostrophe so it is shown as text, never run as a formula. Numbers are written by <see cref="Number"/> from a
/// <see cref="double"/>, so a negative number is a number, not a formula, and is left as it is. Pure: no I/O but the
/// given writer.
/// </summary>
internal sealed class CsvWriter
{
    private readonly TextWriter _writer;
    private bool _firstInRow = true;

    public CsvWriter(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <summary>Writes a header or data record of text cells.</summary>
    public void Row(params ReadOnlySpan<string?> cells)
    {
        foreach (var cell in cells)
        {
            Text(cell);
        }

        EndRow();
    }

    /// <summary>Writes a text cell (null or empty: an empty cell).</summary>
    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var neutralise = NeedsNeutralising(value);
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote)
        {
            _writer.Write('"');
        }

        if (neutralise)
        {
            _writer.Write('\'');
        }

        if (quote)
        {
            foreach (var c in value)
            {
                if (c == '"')
                {
                    _writer.Write('"');
                }

                _writer.Write(c);
            }

            _writer.Write('"');
        }
        else
        {
            _writer.Write(value);
        }
    }

    /// <summary>Writes a number in invariant culture, shortest round-trip form (null or not finite: an empty cell).</summary>
    public void Number(double? value)
    {
        Separator();
        if (value is { } v && double.IsFinite(v))
        {
            _writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Writes an integer (null: an empty cell).</summary>
    public void Integer(long? value)
    {
        Separator();
        if (value is { } v)
        {
            _writer.Write(v.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Ends the record (CRLF).</summary>
    public void EndRow()
    {
        _writer.Write("\r\n");
        _firstInRow = true;
    }

    /// <summary>Whether a spreadsheet could read <paramref name="value"/> as a formula (or DDE call).</summary>
    public static bool NeedsNeutralising(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private void Separator()
    {
        if (!_firstInRow)
        {
            _writer.Write(',');
        }

        _firstInRow = false;
    }
}
