using SmartSensors.Contracts;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Cloud.Ingest;

/// <summary>Maps a validated pack onto the storage schema (<see cref="StorageMapping"/>) and encodes it as line
/// protocol: measurement per kind, tags site/gateway/sensor, a field per quantity (counts as integers), the capture
/// time as timestamp. Adjacent readings of one sensor, kind and capture time (how gateways send a sample) share a line;
/// InfluxDB merges lines of the same series and timestamp into one point, so readings that are not adjacent end up in
/// the same point too — the stored result is <see cref="StorageMapping.ToPoints(GatewayPack)"/>'s, without building
/// its objects per pack. The series key of each (kind, site, gateway, sensor) is checked and escaped once and kept
/// (at most <see cref="MaxSeriesKeys"/>; the memo is emptied when full). Pure: no I/O. Not thread-safe (reuses its
/// buffer).</summary>
internal sealed class PackLineEncoder : IDisposable
{
    /// <summary>Series keys remembered per encoder (about 100 bytes each).</summary>
    public const int MaxSeriesKeys = 16_384;

    private readonly LineProtocolBuffer _buffer = new(4096);
    private readonly LineProtocolWriter _writer;
    private readonly Dictionary<(SensorKind Kind, string Site, string Gateway, string Sensor), LineSeriesKey> _series = [];

    public PackLineEncoder(LinePrecision precision)
    {
        _writer = new LineProtocolWriter(_buffer, precision);
    }

    /// <summary>Encodes <paramref name="pack"/>; the lines stay valid until the next call.</summary>
    /// <exception cref="LineProtocolException">A value cannot be written as line protocol.</exception>
    public ReadOnlyMemory<byte> Encode(GatewayPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _writer.Clear();
        var open = false;
        SensorKind kind = default;
        string? sensor = null;
        DateTimeOffset time = default;
        foreach (var reading in pack.Readings)
        {
            if (!open || reading.Kind != kind || reading.CaptureTime != time || !string.Equals(reading.SensorId, sensor, StringComparison.Ordinal))
            {
                if (open)
                {
                    _writer.Timestamp(time);
                }

                kind = reading.Kind;
                sensor = reading.SensorId;
                time = reading.CaptureTime;
                _writer.Series(SeriesKey(kind, pack.Site, pack.Gateway, sensor));
                open = true;
            }

            if (Quantities.TryGet(reading.Quantity, out var quantity) && quantity.IsInteger)
            {
                _writer.Field(reading.Quantity, (long)reading.Value);
            }
            else
            {
                _writer.Field(reading.Quantity, reading.Value);
            }
        }

        if (open)
        {
            _writer.Timestamp(time);
        }

        return _buffer.WrittenMemory;
    }

    /// <summary>Lines written by the last <see cref="Encode"/>.</summary>
    public int LineCount => _writer.LineCount;

    public void Dispose() => _buffer.Dispose();

    private LineSeriesKey SeriesKey(SensorKind kind, string site, string gateway, string sensor)
    {
        if (!_series.TryGetValue((kind, site, gateway, sensor), out var key))
        {
            if (_series.Count >= MaxSeriesKeys)
            {
                _series.Clear();
            }

            key = LineSeriesKey.Create(
                StorageMapping.Measurement(kind),
                (StorageMapping.SiteTag, site),
                (StorageMapping.GatewayTag, gateway),
                (StorageMapping.SensorTag, sensor));
            _series.Add((kind, site, gateway, sensor), key);
        }

        return key;
    }
}
