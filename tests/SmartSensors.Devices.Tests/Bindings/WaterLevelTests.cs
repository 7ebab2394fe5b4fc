using SmartSensors.Devices.Bindings.WaterLevel;
using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class WaterLevelTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryDecode_A02Example_FF07A1A7Is1953mm()
    {
        Assert.True(UltrasonicFrame.TryDecode(UltrasonicFormat.A02yyuw, [0xFF, 0x07, 0xA1, 0xA7], out var mm));
        Assert.Equal(1953, mm);
        Assert.Equal([0xFF, 0x07, 0xA1, 0xA7], UltrasonicFrame.Encode(UltrasonicFormat.A02yyuw, 1953));
    }

    [Fact]
    public void TryDecode_MaxBotix_R1234Is1234mm()
    {
        Assert.True(UltrasonicFrame.TryDecode(UltrasonicFormat.MaxBotix, "R1234\r"u8, out var mm));
        Assert.Equal(1234, mm);
        Assert.Equal("R0456\r"u8.ToArray(), UltrasonicFrame.Encode(UltrasonicFormat.MaxBotix, 456));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x07, 0xA1, 0xA8 })] // bad sum
    [InlineData(new byte[] { 0xFE, 0x07, 0xA1, 0xA6 })] // bad header
    [InlineData(new byte[] { 0xFF, 0x07, 0xA1 })]       // truncated
    public void TryDecode_A02Hostile_Rejected(byte[] frame)
    {
        Assert.False(UltrasonicFrame.TryDecode(UltrasonicFormat.A02yyuw, frame, out _));
    }

    [Theory]
    [InlineData("R12a4\r")]
    [InlineData("R1234\n")]
    [InlineData("R123\r")]
    [InlineData("X1234\r")]
    public void TryDecode_MaxBotixHostile_Rejected(string frame)
    {
        Assert.False(UltrasonicFrame.TryDecode(UltrasonicFormat.MaxBotix, System.Text.Encoding.ASCII.GetBytes(frame), out _));
    }

    [Fact]
    public async Task Ranger_A02StreamWithNoiseAndCorruption_ReturnsGoodDistanceCounts()
    {
        using var port = new SimulatedSerialPort();
        var ranger = new UltrasonicRanger(port, UltrasonicFormat.A02yyuw);
        var read = ranger.ReadDistanceAsync(Generous, CancellationToken.None);

        port.Inject([0x00, 0xFF, 0xFF, 0x07]);          // garbage, including header bytes
        port.Inject([0xFF, 0x07, 0xA1, 0x00]);          // bad sum
        port.Inject([0xFF, 0x07, 0xA1, 0xA7]);
        var mm = await read.AsTask().WaitAsync(Generous);

        Assert.Equal(1953, mm);
        Assert.True(ranger.Frames.CorruptFrames >= 1);
    }

    [Fact]
    public async Task Ranger_MaxBotixNoTarget_SkippedAndCounted()
    {
        using var port = new SimulatedSerialPort();
        var ranger = new UltrasonicRanger(port, UltrasonicFormat.MaxBotix);
        var read = ranger.ReadDistanceAsync(Generous, CancellationToken.None);

        port.Inject("R5000\rR0299\rjunkR2\rR2500\r"u8);
        var mm = await read.AsTask().WaitAsync(Generous);

        Assert.Equal(2500, mm);
        Assert.Equal(2, ranger.OutOfRangeReadings); // 5000 = no target, 299 < 300 mm blind zone
        Assert.True(ranger.Frames.CorruptFrames >= 1); // "R2\r" truncated
    }

    [Theory]
    [InlineData(new[] { 5, 1, 3 }, 3.0)]
    [InlineData(new[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new[] { 1900, 1901, 5000, 1899, 30 }, 1900.0)]
    public void Median_Values_MiddleValue(int[] values, double median)
    {
        Assert.Equal(median, WaterLevelGauge.Median(values));
    }

    [Fact]
    public async Task Gauge_FiveReadingsWithOutlier_LevelIsDatumMinusMedian()
    {
        var distances = new Queue<int>([1953, 1950, 400, 1960, 1955]); // a bird at 400 mm
        using var port = new SimulatedSerialPort { Source = () => UltrasonicFrame.Encode(UltrasonicFormat.A02yyuw, distances.Dequeue()) };
        var gauge = new WaterLevelGauge(new UltrasonicRanger(port, UltrasonicFormat.A02yyuw), datumMm: 3000, medianOf: 5, spacing: TimeSpan.Zero);

        var (level, distance) = await gauge.ReadAsync(Generous, CancellationToken.None);

        Assert.Equal(1953, distance);
        Assert.Equal(1.047, level, 6);
    }
}
