using BenchmarkDotNet.Attributes;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Contracts;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Benchmarks.Ingest;

/// <summary>
/// The ingest role's CPU work per pack, stage by stage, on realistic packs: a live pack (one sampling cycle of an
/// air-quality post, 6 readings; or the 8-reading pack of ingest-load) and a replay pack as the edge uplink sends after
/// an outage (100 readings, 17 capture times). Stages: SenML parsing alone, the full contract decode with validation
/// (<see cref="GatewayPackDecoder"/>, as the pipeline calls it with the topic), storage mapping + line protocol
/// (<see cref="PackLineEncoder"/>), the topic parse, and decode + encode together (what a decode worker does per pack,
/// without the MQTT client and the HTTP write). <c>FastRead</c>, <c>DecodeGeneral</c> and <c>DecodeGeneralAndEncode</c>
/// compare, in the same run, the encoder-shaped fast path (<see cref="SenmlPackFastReader"/>) with the general SenML path
/// it sits in front of. Run:
/// <c>dotnet run -c Release --project tests/SmartSensors.Benchmarks -- --filter '*IngestDecodeBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class IngestDecodeBenchmarks : IDisposable
{
    private readonly GatewayPackDecoder _decoder = new();
    private readonly PackLineEncoder _encoder = new(LinePrecision.Nanoseconds);
    private readonly List<SenmlRecord> _records = new(256);
    private byte[] _payload = [];
    private string _topic = "";
    private GatewayPack _pack = null!;

    /// <summary>live6: air-quality post, one cycle. live8: ingest-load's pack. replay100: an outbox replay pack.</summary>
    [Params("live6", "live8", "replay100")]
    public string Pack { get; set; } = "live6";

    [GlobalSetup]
    public void Setup()
    {
        var capture = DateTimeOffset.UtcNow.AddHours(-1);
        var readings = new List<Reading>();
        switch (Pack)
        {
            case "live6":
                AirQuality(readings, capture, 6);
                break;
            case "live8":
                AirQuality(readings, capture, 8);
                break;
            default:
                for (var cycle = 0; readings.Count < 100; cycle++)
                {
                    AirQuality(readings, capture.AddMinutes(cycle), 6);
                }

                readings.RemoveRange(100, readings.Count - 100);
                break;
        }

        var pack = new GatewayPack("gw-0042", "queens-square", 123_456, readings);
        _payload = GatewayPackEncoder.Encode(pack);
        _topic = Topics.Readings("queens-square", "gw-0042");
        _pack = _decoder.Decode(_topic, _payload).Pack ?? throw new InvalidOperationException("benchmark pack does not decode");
        if (!SenmlPackFastReader.TryRead(_payload, SenmlLimits.Default, _records))
        {
            throw new InvalidOperationException("benchmark pack is not on the fast path");
        }

        _records.Clear();
    }

    [Benchmark]
    public int TopicParse() => Topics.TryParse(_topic, out var address, out _) ? address.Gateway.Length : 0;

    [Benchmark]
    public int SenmlParse()
    {
        _records.Clear();
        SenmlParser.Parse(_payload, SenmlLimits.Default, _records, new ErrorSink(), out _);
        return _records.Count;
    }

    /// <summary>The encoder-shaped fast path alone (<see cref="SenmlPackFastReader"/>), to compare with <see cref="SenmlParse"/>.</summary>
    [Benchmark]
    public int FastRead()
    {
        _records.Clear();
        return SenmlPackFastReader.TryRead(_payload, SenmlLimits.Default, _records) ? _records.Count : -1;
    }

    [Benchmark]
    public int Decode() => _decoder.Decode(_topic, _payload).Pack!.Readings.Count;

    /// <summary>The same decode on the general path only (SenmlParser, no fast path): what <see cref="Decode"/> cost
    /// before the fast path, measured in the same run.</summary>
    [Benchmark]
    public int DecodeGeneral() => DecodeGeneralPath().Pack!.Readings.Count;

    [Benchmark]
    public int EncodeLines() => _encoder.Encode(_pack).Length;

    [Benchmark(Baseline = true)]
    public int DecodeAndEncode() => _encoder.Encode(_decoder.Decode(_topic, _payload).Pack!).Length;

    /// <summary><see cref="DecodeAndEncode"/> on the general path only.</summary>
    [Benchmark]
    public int DecodeGeneralAndEncode() => _encoder.Encode(DecodeGeneralPath().Pack!).Length;

    /// <summary>For reference: what the MQTT layer hands over per pack (the received message object itself).</summary>
    [Benchmark]
    public int PayloadCopy() => _payload.AsSpan().ToArray().Length;

    public void Dispose()
    {
        _encoder.Dispose();
        GC.SuppressFinalize(this);
    }

    private PackDecodeResult DecodeGeneralPath()
    {
        // As Decode(topic, payload) does: the topic first, then the payload.
        return Topics.TryParse(_topic, out var address, out _)
            ? _decoder.DecodeGeneral(address.Site, address.Gateway, _payload, new ErrorSink())
            : throw new InvalidOperationException("benchmark topic does not parse");
    }

    private static void AirQuality(List<Reading> into, DateTimeOffset t, int count)
    {
        var all = new[]
        {
            Reading.Of("bme280-1", Quantities.Temperature, 11.37, t),
            Reading.Of("bme280-1", Quantities.Humidity, 81.2, t),
            Reading.Of("bme280-1", Quantities.Pressure, 1012.44, t),
            Reading.Of("sds011-1", Quantities.Pm25, 8.3, t),
            Reading.Of("sds011-1", Quantities.Pm10, 14.9, t),
            Reading.Of("no2-1", Quantities.No2, 23.5, t),
            Reading.Of("soil-1", Quantities.Moisture, 41.25, t),
            Reading.Of("beam-1", Quantities.Count, 17, t),
        };
        into.AddRange(all.Take(count));
    }
}
