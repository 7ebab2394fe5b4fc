using SmartSensors.Contracts;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Cloud.Ingest;

/// <summary>Maps a validated pack onto the storage schema (<see cref="StorageMapping"/>) and encodes it as line
/// protocol: measurement per kind, tags site/gateway/sensor, a field per quantity (counts as integers), the capture
/// time as timestamp. Adjacent readings of one sensor, kind and capture time (how gateways send a sample) share a line;
/// InfluxDB merges lines of the same series and timestamp into one point, so readings that are not adjacent end up in
/// the same point too — the stored result is <see cref="StorageMapping.ToPoints(GatewayPack)"/>'s, without building
/// its objects per pack. The series key of each (kind, site, gateway, sensor) is checked and escaped once and kept
/// (at most <see cref="MaxSeriesKeys"/>; the memo is emptied when full): the pack's (site, gateway) is looked up once
/// per pack, its sensors' keys by a short scan (at most <see cref="MaxSeriesPerGateway"/>), not by hashing three
/// strings per line. Pure: no I/O. Not thread-safe (reuses its buffer).</summary>
internal sealed class PackLineEncoder : IDisposable
{
    /// <summary>Series keys remembered per encoder (about 100 bytes each).</summary>
    public const int MaxSeriesKeys = 16_384;

    /// <summary>Series keys remembered per (site, gateway); the gateway's are forgotten when it has more.</summary>
    public const int MaxSeriesPerGateway = 32;

    private readonly LineProtocolBuffer _buffer = new(4096);
    private readonly LineProtocolWriter _writer;
    private readonly Dictionary<(string Site, string Gateway), GatewaySeries> _gateways = [];
    private int _seriesCount;

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
        var series = Gateway(pack.Site, pack.Gateway);
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
                _writer.Series(SeriesKey(series, kind, sensor));
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

    private GatewaySeries Gateway(string site, string gateway)
    {
        if (!_gateways.TryGetValue((site, gateway), out var series))
        {
            if (_seriesCount >= MaxSeriesKeys || _gateways.Count >= MaxSeriesKeys)
            {
                _gateways.Clear();
                _seriesCount = 0;
            }

            series = new GatewaySeries(site, gateway);
            _gateways.Add((site, gateway), series);
        }

        return series;
    }

    private LineSeriesKey SeriesKey(GatewaySeries series, SensorKind kind, string sensor)
    {
        var entries = series.Entries;
        for (var i = 0; i < series.Count; i++)
        {
            ref readonly var entry = ref entries[i];
            // The decoder hands out one string per sensor of a base name, so identity usually decides.
            if (entry.Kind == kind && (ReferenceEquals(entry.Sensor, sensor) || string.Equals(entry.Sensor, sensor, StringComparison.Ordinal)))
            {
                return entry.Key;
            }
        }

        if (series.Count == MaxSeriesPerGateway)
        {
            _seriesCount -= series.Count;
            series.Count = 0;
        }

        var key = LineSeriesKey.Create(
            StorageMapping.Measurement(kind),
            (StorageMapping.SiteTag, series.Site),
            (StorageMapping.GatewayTag, series.Gateway),
            (StorageMapping.SensorTag, sensor));
        if (series.Count == entries.Length)
        {
            Array.Resize(ref entries, entries.Length * 2);
            series.Entries = entries;
        }

        entries[series.Count++] = (kind, sensor, key);
        _seriesCount++;
        return key;
    }

    /// <summary>The series keys made for one (site, gateway).</summary>
    private sealed class GatewaySeries(string site, string gateway)
    {
        public string Site { get; } = site;

        public string Gateway { get; } = gateway;

        public (SensorKind Kind, string Sensor, LineSeriesKey Key)[] Entries { get; set; } = new (SensorKind, string, LineSeriesKey)[4];

        public int Count { get; set; }
    }
}
