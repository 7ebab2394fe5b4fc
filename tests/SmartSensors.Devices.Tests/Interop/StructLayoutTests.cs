using System.Runtime.InteropServices;
using SmartSensors.Devices.Gpio;
using SmartSensors.Devices.I2c;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Tests.Interop;

/// <summary>
/// Pins the kernel/glibc ABI: sizes and offsets a C compiler gives for these structs with the Linux uAPI headers
/// (x86-64 and arm64 are both LP64 with the generic ioctl encoding, so the values hold on both). A wrong layout
/// would make the kernel read garbage on real hardware, which no simulated test could catch.
/// </summary>
public sealed unsafe class StructLayoutTests
{
    [Fact]
    public void GpioV2Structs_Sizes_MatchLinuxUapi()
    {
        Assert.Equal(16, sizeof(GpioV2LineAttribute));
        Assert.Equal(24, sizeof(GpioV2LineConfigAttribute));
        Assert.Equal(272, sizeof(GpioV2LineConfig));
        Assert.Equal(592, sizeof(GpioV2LineRequest));
        Assert.Equal(48, sizeof(GpioV2LineEvent));
        Assert.Equal(16, sizeof(GpioV2LineValues));
        Assert.Equal(68, sizeof(GpioChipInfo));
        Assert.Equal(48, Marshal.SizeOf<GpioV2LineEvent>());
        Assert.Equal(592, Marshal.SizeOf<GpioV2LineRequest>());
    }

    [Fact]
    public void GpioV2Structs_FieldOffsets_MatchLinuxUapi()
    {
        Assert.Equal(256, (int)Marshal.OffsetOf<GpioV2LineRequest>(nameof(GpioV2LineRequest.Consumer)));
        Assert.Equal(288, (int)Marshal.OffsetOf<GpioV2LineRequest>(nameof(GpioV2LineRequest.Config)));
        Assert.Equal(560, (int)Marshal.OffsetOf<GpioV2LineRequest>(nameof(GpioV2LineRequest.NumLines)));
        Assert.Equal(564, (int)Marshal.OffsetOf<GpioV2LineRequest>(nameof(GpioV2LineRequest.EventBufferSize)));
        Assert.Equal(588, (int)Marshal.OffsetOf<GpioV2LineRequest>(nameof(GpioV2LineRequest.Fd)));
        Assert.Equal(32, (int)Marshal.OffsetOf<GpioV2LineConfig>(nameof(GpioV2LineConfig.Attrs)));
        Assert.Equal(8, (int)Marshal.OffsetOf<GpioV2LineEvent>(nameof(GpioV2LineEvent.Id)));
        Assert.Equal(12, (int)Marshal.OffsetOf<GpioV2LineEvent>(nameof(GpioV2LineEvent.Offset)));
        Assert.Equal(20, (int)Marshal.OffsetOf<GpioV2LineEvent>(nameof(GpioV2LineEvent.LineSeqno)));
    }

    [Fact]
    public void GpioIoctlNumbers_Computed_MatchHeaderValues()
    {
        Assert.Equal(0xC250B407u, GpioV2.GetLineIoctl);
        Assert.Equal(0xC110B40Du, GpioV2.SetConfigIoctl);
        Assert.Equal(0xC010B40Eu, GpioV2.GetValuesIoctl);
        Assert.Equal(0xC010B40Fu, GpioV2.SetValuesIoctl);
        Assert.Equal(0x8044B401u, GpioV2.ChipInfoIoctl);
    }

    [Fact]
    public void IoctlRequest_SizeTooLarge_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IoctlRequest.IoWR(0xB4, 1, 1u << 14));
    }

    [Fact]
    public void I2cStructs_Sizes_MatchLinuxUapiOn64Bit()
    {
        Assert.Equal(8, IntPtr.Size); // the gateway targets are 64-bit (linux-arm64, linux-x64)
        Assert.Equal(16, sizeof(I2cMsg));
        Assert.Equal(16, sizeof(I2cRdwrIoctlData));
        Assert.Equal(8, (int)Marshal.OffsetOf<I2cMsg>(nameof(I2cMsg.Buf)));
        Assert.Equal(0x0703u, LinuxI2cDevice.I2cSlave);
        Assert.Equal(0x0707u, LinuxI2cDevice.I2cRdwr);
    }

    [Fact]
    public void Termios_Layout_MatchesGlibc()
    {
        Assert.Equal(60, sizeof(TermiosStruct));
        Assert.Equal(16, (int)Marshal.OffsetOf<TermiosStruct>(nameof(TermiosStruct.Line)));
        Assert.Equal(17, (int)Marshal.OffsetOf<TermiosStruct>(nameof(TermiosStruct.Cc)));
        Assert.Equal(52, (int)Marshal.OffsetOf<TermiosStruct>(nameof(TermiosStruct.ISpeed)));
        Assert.Equal(56, (int)Marshal.OffsetOf<TermiosStruct>(nameof(TermiosStruct.OSpeed)));
        Assert.Equal(8, sizeof(PollFd));
    }

    [Fact]
    public void BuildRequest_InputWithBothEdgesAndDebounce_SetsFlagsAndDebounceAttribute()
    {
        var request = LinuxGpioController.BuildRequest(17, PinMode.InputPullUp, new GpioInputOptions(PinEventTypes.Rising | PinEventTypes.Falling, TimeSpan.FromMilliseconds(20)));

        Assert.Equal(17u, request.Offsets[0]);
        Assert.Equal(1u, request.NumLines);
        Assert.Equal(GpioV2.FlagInput | GpioV2.FlagBiasPullUp | GpioV2.FlagEdgeRising | GpioV2.FlagEdgeFalling, request.Config.Flags);
        Assert.Equal(1u, request.Config.NumAttrs);
        var attr = request.Config.GetAttribute(0);
        Assert.Equal(GpioV2.AttrDebounce, attr.Attr.Id);
        Assert.Equal(20_000u, attr.Attr.DebouncePeriodUs);
        Assert.Equal(1ul, attr.Mask);
        Assert.Equal((byte)'s', request.Consumer[0]);
    }

    [Fact]
    public void BuildRequest_FallingOnlyNoDebounce_NoAttributes()
    {
        var request = LinuxGpioController.BuildRequest(4, PinMode.Input, new GpioInputOptions(PinEventTypes.Falling, TimeSpan.Zero));
        Assert.Equal(GpioV2.FlagInput | GpioV2.FlagEdgeFalling, request.Config.Flags);
        Assert.Equal(0u, request.Config.NumAttrs);
    }

    [Fact]
    public void BuildRequest_Output_OutputFlagOnly()
    {
        var request = LinuxGpioController.BuildRequest(26, PinMode.Output, null);
        Assert.Equal(GpioV2.FlagOutput, request.Config.Flags);
    }

    [Fact]
    public void DecodeEvents_KernelRecords_RaisesEdgesWithTimestampsAndCountsSeqnoGaps()
    {
        var records = new byte[3 * 48];
        void Put(int i, ulong ns, uint id, uint offset, uint lineSeq)
        {
            var e = new GpioV2LineEvent { TimestampNs = ns, Id = id, Offset = offset, Seqno = lineSeq, LineSeqno = lineSeq };
            MemoryMarshal.Write(records.AsSpan(i * 48), in e);
        }

        Put(0, 1_000_000_000, GpioV2.EventFallingEdge, 17, 1);
        Put(1, 1_000_500_000, GpioV2.EventRisingEdge, 17, 2);
        Put(2, 2_000_000_000, GpioV2.EventFallingEdge, 17, 5); // 3 and 4 were lost in the kernel buffer

        var seen = new List<PinValueChangedEventArgs>();
        uint last = 0;
        var n = LinuxGpioController.DecodeEvents(records, ref last, seen.Add, out var lost);

        Assert.Equal(3, n);
        Assert.Equal(2, lost);
        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Rising, PinEventTypes.Falling], seen.Select(e => e.ChangeType));
        Assert.All(seen, e => Assert.Equal(17, e.PinNumber));
        Assert.Equal(TimeSpan.FromSeconds(1), seen[0].Timestamp);
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), seen[1].Timestamp - seen[0].Timestamp);
    }

    [Fact]
    public void DecodeEvents_PartialRecordAndUnknownId_Ignored()
    {
        var records = new byte[48 + 20];
        var e = new GpioV2LineEvent { TimestampNs = 5, Id = 99, Offset = 3, LineSeqno = 1 };
        MemoryMarshal.Write(records, in e);
        uint last = 0;
        var n = LinuxGpioController.DecodeEvents(records, ref last, _ => Assert.Fail("no event expected"), out _);
        Assert.Equal(0, n);
    }
}
