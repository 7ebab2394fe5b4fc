using SmartSensors.Contracts;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Cloud.Ingest;

/// <summary>Maps a validated pack onto the storage schema (<see cref="StorageMapping"/>) and encodes it as line
/// protocol: measurement per kind, tags site/gateway/sensor, a field per quantity (counts as integers), the capture
/// time as timestamp. Pure: no I/O. Not thread-safe (reuses its buffers).</summary>
internal sealed class PackLineEncoder : IDisposable
{
    private readonly LineProtocolBuffer _buffer = new(4096);
    private readonly LineProtocolWriter _writer;
    private readonly List<StoragePoint> _points = [];

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
        _points.Clear();
        StorageMapping.ToPoints(pack, _points);
        foreach (var point in _points)
        {
            _writer.Measurement(point.Measurement)
                .Tag(StorageMapping.SiteTag, point.Site)
                .Tag(StorageMapping.GatewayTag, point.Gateway)
                .Tag(StorageMapping.SensorTag, point.Sensor);
            foreach (var field in point.Fields)
            {
                if (field.IsInteger)
                {
                    _writer.Field(field.Name, (long)field.Value);
                }
                else
                {
                    _writer.Field(field.Name, field.Value);
                }
            }

            _writer.Timestamp(point.Timestamp);
        }

        return _buffer.WrittenMemory;
    }

    public void Dispose() => _buffer.Dispose();
}
