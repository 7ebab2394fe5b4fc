namespace SmartSensors.Influx.Write;

/// <summary>A line InfluxDB refused, with its own error message.</summary>
/// <param name="Line">The line as sent (without the newline).</param>
/// <param name="Error">InfluxDB's error message for it.</param>
/// <param name="Index">Its position among the lines of its item (0 for the first), so that a caller who enqueued the
/// lines of several records as one item can tell which records were refused.</param>
public sealed record RejectedLine(string Line, string Error, int Index);
