namespace SmartSensors.Influx.Query;

/// <summary>InfluxDB refused a query; <see cref="InfluxError"/> holds its own message.</summary>
public sealed class InfluxQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InfluxQueryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InfluxQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public InfluxQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the HTTP status and InfluxDB's message.</summary>
    public InfluxQueryException(string message, int statusCode, string? influxError)
        : base(message)
    {
        StatusCode = statusCode;
        InfluxError = influxError;
    }

    /// <summary>HTTP status (0 when the server could not be reached).</summary>
    public int StatusCode { get; }

    /// <summary>InfluxDB's error message, if it gave one.</summary>
    public string? InfluxError { get; }
}
