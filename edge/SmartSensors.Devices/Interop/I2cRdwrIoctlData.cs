using System.Runtime.InteropServices;

namespace SmartSensors.Devices.Interop;

/// <summary><c>struct i2c_rdwr_ioctl_data</c> (linux/i2c-dev.h): 16 bytes on 64-bit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cRdwrIoctlData
{
    public I2cMsg* Msgs;
    public uint NMsgs;
}
