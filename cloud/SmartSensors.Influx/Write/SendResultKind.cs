namespace SmartSensors.Influx.Write;

/// <summary>How InfluxDB answered one write request.</summary>
internal enum SendResultKind
{
    /// <summary>2xx: stored.</summary>
    Success = 0,

    /// <summary>Refused because of (some of) its lines: 400 parse error / field-type conflict / partial write, 413, 422.</summary>
    LinesRejected = 1,

    /// <summary>May succeed later: 5xx, 429, 408, timeout, refused or reset connection.</summary>
    Transient = 2,

    /// <summary>A setting is wrong: 401, 403, 404, or a 400 not about lines.</summary>
    Configuration = 3,
}
