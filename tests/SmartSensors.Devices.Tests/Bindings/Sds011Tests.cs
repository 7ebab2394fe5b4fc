using SmartSensors.Devices.Bindings.Sds011;
using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class Sds011Tests
{
    private static readonly byte[] Example = [0xAA, 0xC0, 0xD4, 0x04, 0x3A, 0x0A, 0xA1, 0x60, 0x1D, 0xAB];
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryDecode_DatasheetExample_Pm25_123_6Pm10_261_8()
    {
        Assert.True(Sds011Frame.TryDecode(Example, out var r));
        Assert.Equal(123.6, r.Pm25, 3);
        Assert.Equal(261.8, r.Pm10, 3);
        Assert.Equal(0xA160, r.DeviceId);
    }

    [Fact]
    public void Encode_RoundTrip_SameValues()
    {
        Assert.Equal(Example, Sds011Frame.Encode(123.6, 261.8, 0xA160));
    }

    [Theory]
    [InlineData(8, 0x1E)]  // checksum off by one
    [InlineData(9, 0xAC)]  // wrong tail
    [InlineData(1, 0xC1)]  // unknown command
    public void TryDecode_CorruptByte_Rejected(int index, byte value)
    {
        var f = (byte[])Example.Clone();
        f[index] = value;
        Assert.False(Sds011Frame.TryDecode(f, out _));
    }

    [Fact]
    public void TryDecode_WrongLength_Rejected()
    {
        Assert.False(Sds011Frame.TryDecode(Example.AsSpan(0, 9), out _));
        Assert.False(Sds011Frame.TryDecode([.. Example, 0x00], out _));
        Assert.False(Sds011Frame.TryDecode([], out _));
    }

    [Fact]
    public async Task ReadAsync_GarbageTruncatedAndBadChecksumBeforeGoodFrame_SkipsAndCounts()
    {
        using var port = new SimulatedSerialPort();
        var sds = new Sds011(port);
        var bad = (byte[])Example.Clone();
        bad[8] ^= 0xFF;
        var read = sds.ReadAsync(Generous, CancellationToken.None);

        // garbage (3 bytes, one of which looks like a header), a truncated frame, a bad checksum, then a good frame
        port.Inject([0x01, 0xAA, 0x02]);
        port.Inject(Example.AsSpan(0, 6));
        port.Inject(bad);
        port.Inject(Example);
        var r = await read.AsTask().WaitAsync(Generous);

        Assert.Equal(123.6, r.Pm25, 3);
        Assert.Equal(1, sds.Frames.ValidFrames);
        Assert.True(sds.Frames.CorruptFrames >= 3, sds.Frames.ToString());
        Assert.True(sds.Frames.DiscardedBytes >= 1, sds.Frames.ToString());
    }

    [Fact]
    public async Task ReadAsync_CommandReplyFrame_IgnoredNotCountedCorrupt()
    {
        using var port = new SimulatedSerialPort();
        var sds = new Sds011(port);
        byte[] reply = [0xAA, 0xC5, 0x06, 0x01, 0x00, 0x00, 0xA1, 0x60, 0x08, 0xAB];
        var read = sds.ReadAsync(Generous, CancellationToken.None);
        port.Inject([.. reply, .. Example]);

        var r = await read.AsTask().WaitAsync(Generous);

        Assert.Equal(261.8, r.Pm10, 3);
        Assert.Equal(0, sds.Frames.CorruptFrames);
    }

    [Fact]
    public async Task ReadAsync_OnlyGarbage_SensorReadExceptionAfterTimeoutWithCounters()
    {
        using var port = new SimulatedSerialPort { Source = () => new byte[] { 0xAA, 0xC0, 0x00, 0x00, 0xAA, 0x13, 0x37 } };
        var sds = new Sds011(port);

        var ex = await Assert.ThrowsAsync<SensorReadException>(async () => await sds.ReadAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Contains("No valid SDS011 frame", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/ttySIM0", ex.Message, StringComparison.Ordinal);
        Assert.True(sds.Frames.CorruptFrames > 0);
        Assert.Equal(0, sds.Frames.ValidFrames);
    }

    [Fact]
    public async Task ReadAsync_SilentDevice_TimesOutNotHangs()
    {
        using var port = new SimulatedSerialPort();
        var sds = new Sds011(port);

        await Assert.ThrowsAsync<SensorReadException>(async () => await sds.ReadAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None).AsTask().WaitAsync(Generous));
    }

    [Fact]
    public async Task ReadAsync_StaleBytesBeforeRead_Discarded()
    {
        using var port = new SimulatedSerialPort();
        var sds = new Sds011(port);
        port.Inject(Sds011Frame.Encode(999.9, 999.9, 1)); // stale frame from before the read

        var read = sds.ReadAsync(Generous, CancellationToken.None);
        port.Inject(Example);
        var r = await read.AsTask().WaitAsync(Generous);

        Assert.Equal(123.6, r.Pm25, 3);
    }
}
