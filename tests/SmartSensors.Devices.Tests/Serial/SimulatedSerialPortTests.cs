using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Tests.Serial;

public sealed class SimulatedSerialPortTests
{
    [Fact]
    public async Task ReadAsync_WaitingReader_WokenByInject()
    {
        using var port = new SimulatedSerialPort();
        var buffer = new byte[8];
        var read = port.ReadAsync(buffer, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();

        port.Inject([1, 2, 3]);

        Assert.Equal(3, await read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([1, 2, 3], buffer[..3]);
    }

    [Fact]
    public void Inject_BeyondCapacity_DropsOldestAndCountsOverrun()
    {
        using var port = new SimulatedSerialPort { Capacity = 4 };
        port.Inject([1, 2, 3, 4, 5, 6]);
        Assert.Equal(2, port.Overruns);
    }

    [Fact]
    public async Task DiscardInBuffer_DropsPendingBytes()
    {
        using var port = new SimulatedSerialPort();
        port.Inject([1, 2, 3]);
        port.DiscardInBuffer();
        Assert.Equal(0, await port.ReadAsync(new byte[8], TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public void Write_Recorded()
    {
        using var port = new SimulatedSerialPort();
        port.Write([0xAA, 0xB4]);
        Assert.Equal([0xAA, 0xB4], port.Written);
    }
}
