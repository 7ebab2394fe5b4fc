namespace SmartSensors.Influx.LineProtocol;

/// <summary>The unit of the timestamps in a line-protocol batch (the <c>precision</c> write parameter).</summary>
public enum LinePrecision
{
    /// <summary>Nanoseconds since the Unix epoch (InfluxDB's default).</summary>
    Nanoseconds = 0,

    /// <summary>Microseconds since the Unix epoch.</summary>
    Microseconds = 1,

    /// <summary>Milliseconds since the Unix epoch.</summary>
    Milliseconds = 2,

    /// <summary>Seconds since the Unix epoch.</summary>
    Seconds = 3,
}
