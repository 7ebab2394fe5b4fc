using SmartSensors.Devices.Bindings.Pms5003;
using SmartSensors.Devices.Bindings.Sds011;
using SmartSensors.Devices.Bindings.WaterLevel;
using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Tests.Serial;

public sealed class FrameScannerTests
{
    public static TheoryData<string> Protocols => ["sds011", "pms5003", "a02yyuw", "maxbotix"];

    private static (FrameScanner Scanner, Func<int, byte[]> Encode, int MaxFrame) For(string protocol) => protocol switch
    {
        "sds011" => (new FrameScanner(Sds011Frame.Head, Sds011Frame.Length, Sds011Frame.Measure), i => Sds011Frame.Encode(i % 999, i % 999, 7), Sds011Frame.Length),
        "pms5003" => (new FrameScanner(Pms5003Frame.Start1, Pms5003Frame.Length, Pms5003Frame.Measure), i => Pms5003Frame.Encode(i % 50, i % 80, i % 120), Pms5003Frame.Length),
        "a02yyuw" => (new FrameScanner(UltrasonicFrame.A02Head, UltrasonicFrame.A02Length, UltrasonicFrame.MeasureA02), i => UltrasonicFrame.Encode(UltrasonicFormat.A02yyuw, 300 + (i % 4000)), UltrasonicFrame.A02Length),
        _ => (new FrameScanner(UltrasonicFrame.MaxBotixHead, UltrasonicFrame.MaxBotixLength, UltrasonicFrame.MeasureMaxBotix), i => UltrasonicFrame.Encode(UltrasonicFormat.MaxBotix, 300 + (i % 4000)), UltrasonicFrame.MaxBotixLength),
    };

    /// <summary>Feeds the whole stream in random-sized chunks, collecting every frame the scanner yields.</summary>
    private static List<byte[]> Scan(FrameScanner scanner, byte[] stream, int maxFrame, Random random)
    {
        var frames = new List<byte[]>();
        var frame = new byte[maxFrame];
        var offset = 0;
        while (offset < stream.Length)
        {
            var chunk = Math.Min(stream.Length - offset, random.Next(1, 64));
            var taken = 0;
            while (taken < chunk)
            {
                taken += scanner.Append(stream.AsSpan(offset + taken, chunk - taken));
                while (scanner.TryTakeFrame(frame, out var length))
                {
                    frames.Add(frame[..length]);
                }
            }

            offset += chunk;
        }

        return frames;
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Scan_CleanStream_EveryFrameOnceNothingDiscarded(string protocol)
    {
        var (scanner, encode, max) = For(protocol);
        var expected = Enumerable.Range(0, 200).Select(encode).ToList();

        var frames = Scan(scanner, [.. expected.SelectMany(f => f)], max, new Random(1));

        Assert.Equal(expected, frames);
        Assert.Equal(200, scanner.Counters.ValidFrames);
        Assert.Equal(0, scanner.Counters.CorruptFrames);
        Assert.Equal(0, scanner.Counters.DiscardedBytes);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Scan_StreamWithDamagedFramesAndNoise_AllIntactFramesRecovered(string protocol)
    {
        var (scanner, encode, max) = For(protocol);
        var random = new Random(42);
        var stream = new List<byte>();
        var intact = new List<byte[]>();
        for (var i = 0; i < 300; i++)
        {
            var f = encode(i);
            switch (random.Next(6))
            {
                case 0:
                    f[random.Next(1, f.Length)] ^= (byte)random.Next(1, 256); // damaged anywhere after the header
                    if (!IsValid(protocol, f))
                    {
                        stream.AddRange(f);
                        continue;
                    }

                    break;
                case 1:
                    stream.AddRange(f[..random.Next(1, f.Length)]); // truncated, the good copy follows
                    break;
                case 2:
                    var noise = new byte[random.Next(1, 20)];
                    random.NextBytes(noise);
                    stream.AddRange(noise);
                    break;
            }

            stream.AddRange(f);
            intact.Add(f);
        }

        var frames = Scan(scanner, [.. stream], max, random);

        // Every intact frame is found, in order; random noise can at worst add a frame that happens to be valid.
        var found = 0;
        foreach (var f in frames)
        {
            if (found < intact.Count && f.AsSpan().SequenceEqual(intact[found]))
            {
                found++;
            }
        }

        Assert.Equal(intact.Count, found);
        Assert.True(scanner.Counters.CorruptFrames + scanner.Counters.DiscardedBytes > 0);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Scan_RandomBytes_NeverThrowsAndBuffersBounded(string protocol)
    {
        var (scanner, _, max) = For(protocol);
        var random = new Random(7);
        var stream = new byte[200_000];
        random.NextBytes(stream);

        _ = Scan(scanner, stream, max, random);

        Assert.InRange(scanner.Buffered, 0, max * 4);
        Assert.True(scanner.Counters.DiscardedBytes > 0);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Scan_OnlyHeaderBytes_NoFrameNoHang(string protocol)
    {
        var (scanner, encode, max) = For(protocol);
        var header = encode(0)[0];

        var frames = Scan(scanner, Enumerable.Repeat(header, 10_000).ToArray(), max, new Random(3));

        Assert.Empty(frames);
        Assert.InRange(scanner.Buffered, 0, max * 4);
    }

    private static bool IsValid(string protocol, byte[] f) => protocol switch
    {
        "sds011" => Sds011Frame.Measure(f) == f.Length,
        "pms5003" => Pms5003Frame.Measure(f) == f.Length,
        "a02yyuw" => UltrasonicFrame.MeasureA02(f) == f.Length,
        _ => UltrasonicFrame.MeasureMaxBotix(f) == f.Length,
    };
}
