using SmartSensors.Devices.Bindings.Pms5003;
using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class Pms5003Tests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    /// <summary>A frame written out by hand from the data manual's layout: CF=1 words 8/12/14, atmospheric 7/11/13.</summary>
    private static byte[] HandFrame()
    {
        byte[] f =
        [
            0x42, 0x4D, 0x00, 0x1C,
            0x00, 0x08, 0x00, 0x0C, 0x00, 0x0E,   // PM1, PM2.5, PM10 (CF=1)
            0x00, 0x07, 0x00, 0x0B, 0x00, 0x0D,   // PM1, PM2.5, PM10 (atmospheric)
            0x05, 0xDC, 0x01, 0xC2, 0x00, 0x50, 0x00, 0x0A, 0x00, 0x02, 0x00, 0x01, // particle counts
            0x97, 0x00,                           // reserved
            0x00, 0x00,
        ];
        var sum = 0;
        for (var i = 0; i < 30; i++)
        {
            sum += f[i];
        }

        f[30] = (byte)(sum >> 8);
        f[31] = (byte)sum;
        return f;
    }

    [Fact]
    public void TryDecode_HandBuiltFrame_AtmosphericAndStandardWords()
    {
        var f = HandFrame();
        Assert.Equal(0x0384, Pms5003Frame.Checksum(f)); // by hand: 171 header + 34 + 31 + 513 counts + 151 reserved = 900

        Assert.True(Pms5003Frame.TryDecode(f, out var r));

        Assert.Equal(new Pms5003Reading(7, 11, 13, 8, 12, 14), r);
    }

    [Fact]
    public void Encode_ThenDecode_SameAtmosphericValues()
    {
        Assert.True(Pms5003Frame.TryDecode(Pms5003Frame.Encode(4, 37, 61), out var r));
        Assert.Equal((4, 37, 61), (r.Pm1Atmospheric, r.Pm25Atmospheric, r.Pm10Atmospheric));
    }

    [Theory]
    [InlineData(31)] // checksum low byte
    [InlineData(12)] // a data byte (checksum no longer matches)
    [InlineData(3)]  // frame length not 28
    [InlineData(1)]  // second start byte
    public void TryDecode_CorruptByte_Rejected(int index)
    {
        var f = HandFrame();
        f[index] ^= 0x01;
        Assert.False(Pms5003Frame.TryDecode(f, out _));
    }

    [Fact]
    public async Task ReadAsync_HostileStream_SkipsCountsAndReturnsNextGoodFrame()
    {
        using var port = new SimulatedSerialPort();
        var pms = new Pms5003(port);
        var good = HandFrame();
        var badSum = HandFrame();
        badSum[31] ^= 0xFF;
        byte[] wrongLength = [0x42, 0x4D, 0x00, 0x04, 0xE1, 0x00, 0x01, 0x74];     // a 4-byte command reply: not a data frame
        var read = pms.ReadAsync(Generous, CancellationToken.None);

        port.Inject([0x42, 0x42, 0x4D]);           // stray start byte, then a real one
        port.Inject(good.AsSpan(3, 10));           // ...cut off mid-frame (truncated)
        port.Inject(badSum);
        port.Inject(wrongLength);
        port.Inject(good);
        var r = await read.AsTask().WaitAsync(Generous);

        Assert.Equal(11, r.Pm25Atmospheric);
        Assert.Equal(1, pms.Frames.ValidFrames);
        Assert.True(pms.Frames.CorruptFrames >= 3, pms.Frames.ToString());
    }

    [Fact]
    public async Task ReadAsync_FrameSplitAcrossManyReads_Reassembled()
    {
        using var port = new SimulatedSerialPort();
        var pms = new Pms5003(port);
        var read = pms.ReadAsync(Generous, CancellationToken.None);

        foreach (var b in HandFrame())
        {
            port.Inject([b]);
        }

        var r = await read.AsTask().WaitAsync(Generous);
        Assert.Equal(13, r.Pm10Atmospheric);
    }
}
