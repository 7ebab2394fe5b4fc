using System.Globalization;
using System.Runtime.InteropServices;
using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.I2c;

/// <summary>
/// I2C through the kernel's i2c-dev driver: <c>open("/dev/i2c-N")</c>, <c>ioctl(I2C_SLAVE, addr)</c> for plain
/// reads and writes, and <c>ioctl(I2C_RDWR)</c> with two messages for a write-then-read with repeated start.
/// </summary>
public sealed unsafe class LinuxI2cDevice : I2cDevice
{
    internal const uint I2cSlave = 0x0703;
    internal const uint I2cRdwr = 0x0707;
    internal const ushort I2cMRd = 0x0001;

    private readonly I2cConnectionSettings _settings;
    private readonly string _path;
    private int _fd;

    public LinuxI2cDevice(I2cConnectionSettings settings)
        : this(settings, DevicePath(settings?.BusId ?? 0))
    {
    }

    internal LinuxI2cDevice(I2cConnectionSettings settings, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.DeviceAddress is < 0 or > 0x7F)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.DeviceAddress, "An I2C address must be 7-bit (0x00-0x7F).");
        }

        _settings = settings;
        _path = path;
        _fd = Libc.Open(path, Libc.ORdWr | Libc.OCloExec);
        if (_fd < 0)
        {
            throw DeviceOpenError.Create(path, Marshal.GetLastPInvokeError(), DeviceBusKind.I2c);
        }

        if (Libc.Ioctl(_fd, I2cSlave, (nuint)settings.DeviceAddress) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Libc.Close(_fd);
            _fd = -1;
            throw new IOException($"{path}: cannot select address 0x{settings.DeviceAddress:X2} (ioctl I2C_SLAVE): {Libc.Describe(errno)}. A kernel driver may own the address (check `i2cdetect -y {settings.BusId}` shows a number, not UU).");
        }
    }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    internal static string DevicePath(int busId) => "/dev/i2c-" + busId.ToString(CultureInfo.InvariantCulture);

    public override void Read(Span<byte> buffer)
    {
        var fd = CheckOpen();
        fixed (byte* p = buffer)
        {
            var n = Libc.Read(fd, p, (nuint)buffer.Length);
            if (n < 0)
            {
                throw BusError("read", Marshal.GetLastPInvokeError());
            }

            if (n != buffer.Length)
            {
                throw new IOException($"{_path} 0x{_settings.DeviceAddress:X2}: short read ({n} of {buffer.Length} bytes).");
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var fd = CheckOpen();
        fixed (byte* p = buffer)
        {
            var n = Libc.Write(fd, p, (nuint)buffer.Length);
            if (n < 0)
            {
                throw BusError("write", Marshal.GetLastPInvokeError());
            }

            if (n != buffer.Length)
            {
                throw new IOException($"{_path} 0x{_settings.DeviceAddress:X2}: short write ({n} of {buffer.Length} bytes).");
            }
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        var fd = CheckOpen();
        if (writeBuffer.Length > ushort.MaxValue || readBuffer.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(writeBuffer), "An I2C message is at most 65535 bytes.");
        }

        fixed (byte* w = writeBuffer)
        fixed (byte* r = readBuffer)
        {
            var messages = stackalloc I2cMsg[2];
            messages[0] = new I2cMsg { Addr = (ushort)_settings.DeviceAddress, Flags = 0, Len = (ushort)writeBuffer.Length, Buf = w };
            messages[1] = new I2cMsg { Addr = (ushort)_settings.DeviceAddress, Flags = I2cMRd, Len = (ushort)readBuffer.Length, Buf = r };
            var data = new I2cRdwrIoctlData { Msgs = messages, NMsgs = 2 };
            if (Libc.Ioctl(fd, I2cRdwr, &data) < 0)
            {
                throw BusError("write-read (I2C_RDWR)", Marshal.GetLastPInvokeError());
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }

        base.Dispose(disposing);
    }

    private int CheckOpen()
    {
        var fd = _fd;
        ObjectDisposedException.ThrowIf(fd < 0, this);
        return fd;
    }

    private IOException BusError(string operation, int errno)
    {
        var hint = errno is Libc.ENxIo or Libc.ERemoteIo
            ? $" No acknowledge from 0x{_settings.DeviceAddress:X2}: check wiring, power and the address (`i2cdetect -y {_settings.BusId}`)."
            : string.Empty;
        return new IOException($"{_path} 0x{_settings.DeviceAddress:X2}: {operation} failed: {Libc.Describe(errno)}.{hint}");
    }
}
