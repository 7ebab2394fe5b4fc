namespace SmartSensors.Influx.Query;

/// <summary>How query results give times (the <c>epoch</c> parameter).</summary>
public enum InfluxEpoch
{
    /// <summary>RFC 3339 strings (no <c>epoch</c> parameter).</summary>
    Rfc3339 = 0,

    /// <summary>Integers in nanoseconds.</summary>
    Nanoseconds = 1,

    /// <summary>Integers in microseconds.</summary>
    Microseconds = 2,

    /// <summary>Integers in milliseconds.</summary>
    Milliseconds = 3,

    /// <summary>Integers in seconds.</summary>
    Seconds = 4,
}
