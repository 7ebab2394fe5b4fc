using SmartSensors.Edge.Tests.Support;
using SmartSensors.Edge.Uplink;

namespace SmartSensors.Edge.Tests.Uplink;

public sealed class ReplayWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Snapshot_PacksAcknowledgedWithinTheSpan_KeptInSequenceOrder()
    {
        var time = new ManualTimeProvider(Start);
        var window = new ReplayWindow(TimeSpan.FromSeconds(90), 1024, time);
        window.Remember(7, [7]);
        window.Remember(5, [5]);
        time.Advance(TimeSpan.FromSeconds(89));
        window.Remember(6, [6]);

        Assert.Equal([5L, 6L, 7L], window.Snapshot().Select(p => p.Sequence));
        Assert.Equal([5], window.Snapshot()[0].Payload);
    }

    [Fact]
    public void Snapshot_SpanElapsedSinceAcknowledgement_PackDropped()
    {
        var time = new ManualTimeProvider(Start);
        var window = new ReplayWindow(TimeSpan.FromSeconds(90), 1024, time);
        window.Remember(1, [1]);
        time.Advance(TimeSpan.FromSeconds(60));
        window.Remember(2, [2]);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([2L], window.Snapshot().Select(p => p.Sequence));
    }

    [Fact]
    public void Remember_SamePackAcknowledgedAgain_KeptFromTheNewAcknowledgement()
    {
        var time = new ManualTimeProvider(Start);
        var window = new ReplayWindow(TimeSpan.FromSeconds(90), 1024, time);
        window.Remember(1, [1, 1]);
        time.Advance(TimeSpan.FromSeconds(80));
        window.Remember(1, [1, 1]); // sent again after a reconnect, acknowledged by the restarted broker
        time.Advance(TimeSpan.FromSeconds(80));

        Assert.Equal([1L], window.Snapshot().Select(p => p.Sequence));
        Assert.Single(window.Snapshot());
    }

    [Fact]
    public void Remember_OverTheByteBound_OldestDroppedAndCounted()
    {
        var time = new ManualTimeProvider(Start);
        var window = new ReplayWindow(TimeSpan.FromSeconds(90), 10, time);
        Assert.Equal(0, window.Remember(1, new byte[4]));
        Assert.Equal(0, window.Remember(2, new byte[4]));
        Assert.Equal(1, window.Remember(3, new byte[4]));

        Assert.Equal([2L, 3L], window.Snapshot().Select(p => p.Sequence));
    }

    [Fact]
    public void Remember_ExpiredPacksMakeRoom_NotCountedAsDropped()
    {
        var time = new ManualTimeProvider(Start);
        var window = new ReplayWindow(TimeSpan.FromSeconds(90), 10, time);
        window.Remember(1, new byte[8]);
        time.Advance(TimeSpan.FromSeconds(91));

        Assert.Equal(0, window.Remember(2, new byte[8]));
        Assert.Equal([2L], window.Snapshot().Select(p => p.Sequence));
    }
}
