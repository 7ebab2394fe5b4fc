namespace SmartSensors.Influx.LineProtocol;

/// <summary>
/// A measurement and its tag set, checked, sorted and escaped once by <see cref="LineProtocolWriter"/> (the same rules
/// as <see cref="LineProtocolWriter.Measurement"/> and <see cref="LineProtocolWriter.Tag"/>), for writing many points
/// of one series with <see cref="LineProtocolWriter.Series"/> without redoing that work per point. Immutable.
/// </summary>
public sealed class LineSeriesKey
{
    private readonly byte[] _utf8;

    internal LineSeriesKey(string measurement, byte[] utf8)
    {
        Measurement = measurement;
        _utf8 = utf8;
    }

    /// <summary>The measurement name.</summary>
    public string Measurement { get; }

    /// <summary>The encoded series key: <c>measurement[,tag=value...]</c>, tags sorted by key.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>Checks and encodes a series key.</summary>
    /// <exception cref="LineProtocolException">The measurement or a tag is refused (same reasons as the writer's).</exception>
    public static LineSeriesKey Create(string measurement, params ReadOnlySpan<(string Key, string Value)> tags)
    {
        using var buffer = new LineProtocolBuffer(256);
        var writer = new LineProtocolWriter(buffer);
        writer.Measurement(measurement);
        foreach (var (key, value) in tags)
        {
            writer.Tag(key, value);
        }

        return new LineSeriesKey(measurement, writer.TakeSeriesKey());
    }
}
