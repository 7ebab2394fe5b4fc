using System.Runtime.InteropServices;

namespace SmartSensors.Devices.Interop;

/// <summary>
/// glibc's <c>struct termios</c> (not the kernel's): four 32-bit flag words, c_line, c_cc[NCCS=32],
/// 3 bytes padding, c_ispeed, c_ospeed. 60 bytes on x86-64, arm64 and 32-bit arm (offsets 16, 17, 52, 56);
/// glibc's tcsetattr converts it to the kernel layout.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TermiosStruct
{
    public const int Nccs = 32;

    public uint IFlag;
    public uint OFlag;
    public uint CFlag;
    public uint LFlag;
    public byte Line;
    public fixed byte Cc[Nccs];
    public uint ISpeed;
    public uint OSpeed;
}
