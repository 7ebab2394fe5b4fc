using System.Globalization;
using SmartSensors.Cloud.OpenData;

namespace SmartSensors.Cloud.Tests.OpenData;

public sealed class CsvWriterTests
{
    private static string Write(Action<CsvWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        write(new CsvWriter(text));
        return text.ToString();
    }

    [Fact]
    public void Row_PlainCells_CommaSeparatedEndingInCrlf()
    {
        Assert.Equal("a,b,c\r\n", Write(csv => csv.Row("a", "b", "c")));
    }

    [Fact]
    public void Text_CommaQuoteOrLineBreak_QuotedWithQuotesDoubled()
    {
        var output = Write(csv => csv.Row("a,b", "say \"hi\"", "line1\nline2", "cr\rhere"));

        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"cr\rhere\"\r\n", output);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Text_FormulaStart_NeutralisedWithApostrophe(string value, string expected)
    {
        Assert.Equal(expected + "\r\n", Write(csv => csv.Row(value)));
    }

    [Theory]
    [InlineData("a=1")]
    [InlineData("x-1")]
    [InlineData("Town Hall")]
    [InlineData("'quoted")]
    public void Text_FormulaCharacterNotFirst_Unchanged(string value)
    {
        Assert.Equal(value + "\r\n", Write(csv => csv.Row(value)));
    }

    [Fact]
    public void Number_Negative_WrittenAsANumberNotNeutralised()
    {
        Assert.Equal("-1.25,0.1,1E+20,,\r\n", Write(csv =>
        {
            csv.Number(-1.25);
            csv.Number(0.1);
            csv.Number(1e20);
            csv.Number(double.NaN);
            csv.Number(null);
            csv.EndRow();
        }));
    }

    [Fact]
    public void Integer_AndNullText_WrittenInvariantAndEmpty()
    {
        Assert.Equal("-42,,12345678901\r\n", Write(csv =>
        {
            csv.Integer(-42);
            csv.Text(null);
            csv.Integer(12345678901);
            csv.EndRow();
        }));
    }

    [Fact]
    public void Rows_Several_EachStartsFresh()
    {
        Assert.Equal("a,b\r\n,c\r\n", Write(csv =>
        {
            csv.Row("a", "b");
            csv.Row("", "c");
        }));
    }

    [Fact]
    public void Output_RoundTripsThroughAnRfc4180Reader()
    {
        string[] cells = ["plain", "with,comma", "with \"quote\"", "multi\r\nline", "", "ünïcödé µg/m³"];
        var output = Write(csv => csv.Row(cells));

        Assert.Equal(cells, ReadRecord(output));
    }

    /// <summary>A minimal RFC 4180 record reader (one record), independent of the writer.</summary>
    private static List<string> ReadRecord(string text)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                cells.Add(cell.ToString());
                Assert.Equal(text.Length, i + 2);
                return cells;
            }
            else
            {
                cell.Append(c);
            }

            i++;
        }

        throw new Xunit.Sdk.XunitException("record not terminated by CRLF");
    }
}
