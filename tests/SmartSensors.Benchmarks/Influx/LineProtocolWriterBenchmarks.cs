using BenchmarkDotNet.Attributes;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Benchmarks.Influx;

/// <summary>
/// Line-protocol encoding cost per point. The buffer is reused, so after warm-up the memory diagnoser must
/// show 0 B allocated: the encoder allocates nothing per point.
/// </summary>
[MemoryDiagnoser]
public class LineProtocolWriterBenchmarks : IDisposable
{
    private const int PointsPerInvoke = 1_000;
    private readonly LineProtocolBuffer _buffer = new(1 << 20);
    private readonly string[] _sensors = Enumerable.Range(0, 16).Select(i => $"sds011-{i}").ToArray();
    private LineProtocolWriter _writer = null!;
    private DateTimeOffset _start;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new LineProtocolWriter(_buffer, LinePrecision.Seconds);
        _start = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
    }

    /// <summary>A typical reading: 3 tags (given unsorted), 3 float fields, an integer, an instant.</summary>
    [Benchmark(OperationsPerInvoke = PointsPerInvoke)]
    public int AirQualityPoint()
    {
        _writer.Clear();
        for (int i = 0; i < PointsPerInvoke; i++)
        {
            _writer.Measurement("air_quality")
                .Tag("site", "queens-square").Tag("gateway", "gw-0042").Tag("sensor", _sensors[i & 15])
                .Field("pm25", 12.5 + i).Field("pm10", 20.25).Field("temperature", 0.1 * i).Field("seq", (long)i)
                .Timestamp(_start.AddSeconds(i));
        }

        return _buffer.Length;
    }

    /// <summary>Names and values that need escaping, a string and a boolean field, a raw timestamp.</summary>
    [Benchmark(OperationsPerInvoke = PointsPerInvoke)]
    public int EscapedPoint()
    {
        _writer.Clear();
        for (int i = 0; i < PointsPerInvoke; i++)
        {
            _writer.Measurement("river level,north")
                .Tag("station name", "Mill Lane, weir=2").Tag("gateway", "gw-0042")
                .Field("status text", "level \"high\" \\ rising").Field("alert", true).Field("level_m", 1.234)
                .Timestamp(1_700_000_000L + i);
        }

        return _buffer.Length;
    }

    public void Dispose()
    {
        _buffer.Dispose();
        GC.SuppressFinalize(this);
    }
}
