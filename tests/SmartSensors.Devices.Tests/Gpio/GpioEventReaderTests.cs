using System.Runtime.InteropServices;
using SmartSensors.Devices.Gpio;
using SmartSensors.Devices.Interop;
using SmartSensors.Devices.Tests.Support;

namespace SmartSensors.Devices.Tests.Gpio;

/// <summary>The Linux event thread (poll, read, decode, raise, stop) on a real descriptor carrying kernel-format records.</summary>
public sealed class GpioEventReaderTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static byte[] Record(ulong ns, uint id, uint offset, uint lineSeqno)
    {
        var bytes = new byte[48];
        var e = new GpioV2LineEvent { TimestampNs = ns, Id = id, Offset = offset, Seqno = lineSeqno, LineSeqno = lineSeqno };
        MemoryMarshal.Write(bytes, in e);
        return bytes;
    }

    [Fact]
    public async Task Run_RecordsOnDescriptor_RaisedInOrderWithLostEventsCounted()
    {
        using var pipe = new Pipe();
        var seen = new List<PinValueChangedEventArgs>();
        var three = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long lost = 0;
        using var reader = new GpioEventReader(pipe.ReadFd, "test-gpio", e =>
        {
            lock (seen)
            {
                seen.Add(e);
                if (seen.Count == 3)
                {
                    three.TrySetResult();
                }
            }
        }, n => Interlocked.Add(ref lost, n));
        reader.Start();

        pipe.Write([.. Record(1_000_000, GpioV2.EventFallingEdge, 17, 1), .. Record(2_000_000, GpioV2.EventRisingEdge, 17, 2)]);
        pipe.Write(Record(9_000_000, GpioV2.EventFallingEdge, 17, 6));
        await three.Task.WaitAsync(Generous);

        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Rising, PinEventTypes.Falling], seen.Select(e => e.ChangeType));
        Assert.Equal(TimeSpan.FromMilliseconds(9), seen[2].Timestamp);
        Assert.Equal(3, Interlocked.Read(ref lost));
    }

    [Fact]
    public void Dispose_IdleReader_StopsThread()
    {
        using var pipe = new Pipe();
        var reader = new GpioEventReader(pipe.ReadFd, "test-gpio", _ => { }, _ => { });
        reader.Start();

        reader.Dispose();

        Assert.True(reader.Completion.IsCompleted);
        Assert.Null(reader.Failure);
    }

    [Fact]
    public async Task Run_DescriptorClosedByKernel_StopsWithFailure()
    {
        using var pipe = new Pipe();
        using var reader = new GpioEventReader(pipe.ReadFd, "test-gpio", _ => { }, _ => { });
        reader.Start();

        pipe.CloseWriteEnd();
        await reader.Completion.WaitAsync(Generous);

        Assert.Contains("end of file", reader.Failure, StringComparison.Ordinal);
    }
}
