namespace SmartSensors.Influx.Query;

/// <summary>One series of a query result: name, tags (for GROUP BY tags), column names and rows.</summary>
/// <remarks>Values are <see cref="string"/>, <see cref="bool"/>, <see cref="long"/> (JSON integers),
/// <see cref="double"/> (other numbers) or null. InfluxDB's JSON does not say whether 82 is a float or an
/// integer field, so use <see cref="GetDouble"/> for float fields.</remarks>
public sealed class InfluxSeries
{
    internal InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> values)
    {
        Name = name;
        Tags = tags;
        Columns = columns;
        Values = values;
    }

    /// <summary>The measurement (or result) name.</summary>
    public string Name { get; }

    /// <summary>Tag values of this group.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Column names; the first is usually <c>time</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows, each with one value per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Values { get; }

    /// <summary>Index of a column, or -1.</summary>
    public int ColumnIndex(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value at a row and column name (null when absent).</summary>
    public object? GetValue(int row, string column)
    {
        int index = ColumnIndex(column);
        if (index < 0)
        {
            throw new ArgumentException($"The series '{Name}' has no column '{column}'.", nameof(column));
        }

        return Values[row][index];
    }

    /// <summary>A numeric value as a double (null when absent).</summary>
    public double? GetDouble(int row, string column) => GetValue(row, column) switch
    {
        null => null,
        double d => d,
        long l => l,
        object other => throw new InvalidCastException($"Column '{column}' holds {other.GetType().Name}, not a number."),
    };
}
