namespace SmartSensors.Influx.LineProtocol;

/// <summary>The part of a line-protocol point that was refused.</summary>
public enum LineProtocolElement
{
    /// <summary>The point as a whole (e.g. no fields, or calls in the wrong order).</summary>
    Point = 0,

    /// <summary>The measurement name.</summary>
    Measurement = 1,

    /// <summary>A tag key.</summary>
    TagKey = 2,

    /// <summary>A tag value.</summary>
    TagValue = 3,

    /// <summary>A field key.</summary>
    FieldKey = 4,

    /// <summary>A field value.</summary>
    FieldValue = 5,

    /// <summary>The timestamp.</summary>
    Timestamp = 6,
}
