using System.Runtime.InteropServices;

namespace SmartSensors.Devices.Interop;

/// <summary><c>struct pollfd</c>: 8 bytes on every Linux ABI.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short REvents;
}
