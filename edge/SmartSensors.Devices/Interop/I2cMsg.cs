using System.Runtime.InteropServices;

namespace SmartSensors.Devices.Interop;

/// <summary><c>struct i2c_msg</c> (linux/i2c.h): 16 bytes on 64-bit, 12 on 32-bit arm.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cMsg
{
    public ushort Addr;
    public ushort Flags;
    public ushort Len;
    public byte* Buf;
}
