using SmartSensors.Devices.Interop;

namespace SmartSensors.Devices.Serial;

/// <summary>
/// termios flag computation in managed code (what glibc's cfmakeraw/cfsetspeed do), so it can be unit tested.
/// Values are the Linux ones (octal in the headers), identical on x86-64, arm and arm64.
/// </summary>
internal static class Termios
{
    // c_iflag
    public const uint IgnBrk = 0x1;        // 0000001
    public const uint BrkInt = 0x2;        // 0000002
    public const uint ParMrk = 0x8;        // 0000010
    public const uint IStrip = 0x20;       // 0000040
    public const uint InLcr = 0x40;        // 0000100
    public const uint IgnCr = 0x80;        // 0000200
    public const uint ICrNl = 0x100;       // 0000400
    public const uint IXOn = 0x400;        // 0002000
    public const uint IXAny = 0x800;       // 0004000
    public const uint IXOff = 0x1000;      // 0010000

    // c_oflag
    public const uint OPost = 0x1;

    // c_lflag
    public const uint ISig = 0x1;
    public const uint ICanon = 0x2;
    public const uint Echo = 0x8;          // 0000010
    public const uint EchoNl = 0x40;       // 0000100
    public const uint IExten = 0x8000;     // 0100000

    // c_cflag
    public const uint CBaud = 0x100F;      // 0010017
    public const uint CSize = 0x30;        // 0000060
    public const uint Cs8 = 0x30;          // 0000060
    public const uint CStopB = 0x40;       // 0000100
    public const uint CRead = 0x80;        // 0000200
    public const uint ParEnb = 0x100;      // 0000400
    public const uint ParOdd = 0x200;      // 0001000
    public const uint HupCl = 0x400;       // 0002000
    public const uint CLocal = 0x800;      // 0004000
    public const uint CrtsCts = 0x80000000; // 020000000000

    // c_cc indices
    public const int VTime = 5;
    public const int VMin = 6;

    public const int TcsaNow = 0;
    public const int TcIFlush = 0;
    public const int TcIOFlush = 2;

    private static readonly Dictionary<int, uint> Speeds = new()
    {
        [1200] = 0x9,        // B1200   0000011
        [2400] = 0xB,        // B2400   0000013
        [4800] = 0xC,        // B4800   0000014
        [9600] = 0xD,        // B9600   0000015
        [19200] = 0xE,       // B19200  0000016
        [38400] = 0xF,       // B38400  0000017
        [57600] = 0x1001,    // B57600  0010001
        [115200] = 0x1002,   // B115200 0010002
        [230400] = 0x1003,   // B230400 0010003
        [460800] = 0x1004,   // B460800 0010004
        [921600] = 0x1007,   // B921600 0010007
    };

    /// <summary>The <c>Bnnnn</c> constant for a baud rate.</summary>
    public static bool TryGetSpeed(int baudRate, out uint speed) => Speeds.TryGetValue(baudRate, out speed);

    /// <summary>
    /// Raw 8N1 without flow control: what <c>cfmakeraw</c> does, plus CLOCAL|CREAD, no parity, one stop bit,
    /// no RTS/CTS, no XON/XOFF, the speed in c_cflag and both speed fields, and VMIN/VTIME.
    /// </summary>
    public static unsafe void ConfigureRaw8N1(ref TermiosStruct t, uint speed, byte vmin, byte vtime)
    {
        // cfmakeraw
        t.IFlag &= ~(IgnBrk | BrkInt | ParMrk | IStrip | InLcr | IgnCr | ICrNl | IXOn);
        t.OFlag &= ~OPost;
        t.LFlag &= ~(Echo | EchoNl | ICanon | ISig | IExten);
        t.CFlag &= ~(CSize | ParEnb);
        t.CFlag |= Cs8;

        // no software flow control at all
        t.IFlag &= ~(IXOff | IXAny);

        // 8N1, receiver on, ignore modem lines, no hardware flow control
        t.CFlag &= ~(CStopB | ParOdd | CrtsCts | HupCl);
        t.CFlag |= CLocal | CRead;

        // speed (cfsetispeed/cfsetospeed)
        t.CFlag = (t.CFlag & ~CBaud) | speed;
        t.ISpeed = speed;
        t.OSpeed = speed;

        t.Cc[VMin] = vmin;
        t.Cc[VTime] = vtime;
    }
}
