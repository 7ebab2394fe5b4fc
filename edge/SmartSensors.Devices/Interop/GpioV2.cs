using System.Runtime.InteropServices;

namespace SmartSensors.Devices.Interop;

// The Linux GPIO character-device v2 uAPI (linux/gpio.h, stable since Linux 5.10). These internal structs are
// grouped in one file because they only make sense together; sizes are pinned by StructLayoutTests.

/// <summary>Constants of the v2 uAPI.</summary>
internal static class GpioV2
{
    public const uint IoctlType = 0xB4;
    public const int LinesMax = 64;
    public const int NumAttrsMax = 10;
    public const int MaxNameSize = 32;

    // enum gpio_v2_line_flag
    public const ulong FlagUsed = 1UL << 0;
    public const ulong FlagActiveLow = 1UL << 1;
    public const ulong FlagInput = 1UL << 2;
    public const ulong FlagOutput = 1UL << 3;
    public const ulong FlagEdgeRising = 1UL << 4;
    public const ulong FlagEdgeFalling = 1UL << 5;
    public const ulong FlagOpenDrain = 1UL << 6;
    public const ulong FlagOpenSource = 1UL << 7;
    public const ulong FlagBiasPullUp = 1UL << 8;
    public const ulong FlagBiasPullDown = 1UL << 9;
    public const ulong FlagBiasDisabled = 1UL << 10;

    // enum gpio_v2_line_attr_id
    public const uint AttrFlags = 1;
    public const uint AttrOutputValues = 2;
    public const uint AttrDebounce = 3;

    // enum gpio_v2_line_event_id
    public const uint EventRisingEdge = 1;
    public const uint EventFallingEdge = 2;

    public static unsafe uint ChipInfoIoctl => IoctlRequest.IoR(IoctlType, 0x01, (uint)sizeof(GpioChipInfo));

    public static unsafe uint GetLineIoctl => IoctlRequest.IoWR(IoctlType, 0x07, (uint)sizeof(GpioV2LineRequest));

    public static unsafe uint SetConfigIoctl => IoctlRequest.IoWR(IoctlType, 0x0D, (uint)sizeof(GpioV2LineConfig));

    public static unsafe uint GetValuesIoctl => IoctlRequest.IoWR(IoctlType, 0x0E, (uint)sizeof(GpioV2LineValues));

    public static unsafe uint SetValuesIoctl => IoctlRequest.IoWR(IoctlType, 0x0F, (uint)sizeof(GpioV2LineValues));
}

/// <summary><c>struct gpiochip_info</c>: 68 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioChipInfo
{
    public fixed byte Name[GpioV2.MaxNameSize];
    public fixed byte Label[GpioV2.MaxNameSize];
    public uint Lines;
}

/// <summary><c>struct gpio_v2_line_attribute</c>: u32 id, u32 padding, then a u64 union (flags / values / u32 debounce_period_us). 16 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioV2LineAttribute
{
    [FieldOffset(0)]
    public uint Id;

    [FieldOffset(4)]
    public uint Padding;

    [FieldOffset(8)]
    public ulong Value;

    /// <summary>The debounce member of the union (little-endian: the low half of <see cref="Value"/>).</summary>
    [FieldOffset(8)]
    public uint DebouncePeriodUs;
}

/// <summary><c>struct gpio_v2_line_config_attribute</c>: attribute + u64 mask of the request's lines it applies to. 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineConfigAttribute
{
    public GpioV2LineAttribute Attr;
    public ulong Mask;
}

/// <summary><c>struct gpio_v2_line_config</c>: 272 bytes, attrs[10] at offset 32.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineConfig
{
    public ulong Flags;
    public uint NumAttrs;
    public fixed uint Padding[5];
    public fixed byte Attrs[GpioV2.NumAttrsMax * 24];

    public void SetAttribute(int index, GpioV2LineConfigAttribute attribute)
    {
        if ((uint)index >= GpioV2.NumAttrsMax)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        fixed (byte* p = Attrs)
        {
            ((GpioV2LineConfigAttribute*)p)[index] = attribute;
        }
    }

    public GpioV2LineConfigAttribute GetAttribute(int index)
    {
        if ((uint)index >= GpioV2.NumAttrsMax)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        fixed (byte* p = Attrs)
        {
            return ((GpioV2LineConfigAttribute*)p)[index];
        }
    }
}

/// <summary><c>struct gpio_v2_line_request</c>: 592 bytes (consumer @256, config @288, num_lines @560, fd @588).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineRequest
{
    public fixed uint Offsets[GpioV2.LinesMax];
    public fixed byte Consumer[GpioV2.MaxNameSize];
    public GpioV2LineConfig Config;
    public uint NumLines;
    public uint EventBufferSize;
    public fixed uint Padding[5];
    public int Fd;
}

/// <summary><c>struct gpio_v2_line_values</c>: 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineValues
{
    public ulong Bits;
    public ulong Mask;
}

/// <summary><c>struct gpio_v2_line_event</c>: 48 bytes, as read() from a line request fd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioV2LineEvent
{
    public ulong TimestampNs;
    public uint Id;
    public uint Offset;
    public uint Seqno;
    public uint LineSeqno;
    public fixed uint Padding[6];
}
