using SmartSensors.Devices.Interop;
using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Tests.Serial;

public sealed unsafe class TermiosTests
{
    [Theory]
    [InlineData(9600, 0xDu)]      // B9600 = 0000015
    [InlineData(115200, 0x1002u)] // B115200 = 0010002
    [InlineData(1200, 0x9u)]
    [InlineData(921600, 0x1007u)]
    public void TryGetSpeed_KnownRates_LinuxConstants(int baud, uint expected)
    {
        Assert.True(Termios.TryGetSpeed(baud, out var speed));
        Assert.Equal(expected, speed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9601)]
    [InlineData(-9600)]
    public void TryGetSpeed_UnsupportedRate_False(int baud)
    {
        Assert.False(Termios.TryGetSpeed(baud, out _));
    }

    [Fact]
    public void ConfigureRaw8N1_CookedTerminal_BecomesRaw8N1()
    {
        // A typical cooked console: ICRNL|IXON, OPOST, ISIG|ICANON|ECHO|IEXTEN, CS7|PARENB|CSTOPB|CRTSCTS|HUPCL at 115200.
        var t = new TermiosStruct
        {
            IFlag = Termios.ICrNl | Termios.IXOn | Termios.IXOff | Termios.BrkInt,
            OFlag = Termios.OPost,
            LFlag = Termios.ISig | Termios.ICanon | Termios.Echo | Termios.IExten,
            CFlag = 0x20 | Termios.ParEnb | Termios.CStopB | Termios.CrtsCts | Termios.HupCl | 0x1002,
        };

        Termios.ConfigureRaw8N1(ref t, 0xD, vmin: 0, vtime: 0);

        Assert.Equal(0u, t.IFlag & (Termios.ICrNl | Termios.IXOn | Termios.IXOff | Termios.BrkInt));
        Assert.Equal(0u, t.OFlag & Termios.OPost);
        Assert.Equal(0u, t.LFlag & (Termios.ISig | Termios.ICanon | Termios.Echo | Termios.IExten));
        Assert.Equal(Termios.Cs8, t.CFlag & Termios.CSize);
        Assert.Equal(0u, t.CFlag & (Termios.ParEnb | Termios.CStopB | Termios.CrtsCts | Termios.HupCl));
        Assert.Equal(Termios.CLocal | Termios.CRead, t.CFlag & (Termios.CLocal | Termios.CRead));
        Assert.Equal(0xDu, t.CFlag & Termios.CBaud);
        Assert.Equal(0xDu, t.ISpeed);
        Assert.Equal(0xDu, t.OSpeed);
        Assert.Equal(0, t.Cc[Termios.VMin]);
        Assert.Equal(0, t.Cc[Termios.VTime]);
    }
}
