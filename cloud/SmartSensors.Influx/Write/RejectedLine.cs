namespace SmartSensors.Influx.Write;

/// <summary>A line InfluxDB refused, with its own error message.</summary>
/// <param name="Line">The line as sent (without the newline).</param>
/// <param name="Error">InfluxDB's error message for it.</param>
public sealed record RejectedLine(string Line, string Error);
