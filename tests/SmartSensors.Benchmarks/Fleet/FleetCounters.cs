namespace SmartSensors.Benchmarks.Fleet;

/// <summary>What the simulated fleet has had acknowledged (PUBACK) by the broker, live and replayed.</summary>
internal sealed class FleetCounters
{
    private long _livePacks;
    private long _liveReadings;
    private long _replayPacks;
    private long _replayReadings;
    private long _failed;
    private long _late;

    public long LivePacks => Interlocked.Read(ref _livePacks);

    public long LiveReadings => Interlocked.Read(ref _liveReadings);

    public long ReplayPacks => Interlocked.Read(ref _replayPacks);

    public long ReplayReadings => Interlocked.Read(ref _replayReadings);

    /// <summary>Publishes the broker refused or that failed (each is reported; the run is then not valid).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Live publishes sent more than one period after their schedule (the publisher itself fell behind).</summary>
    public long Late => Interlocked.Read(ref _late);

    public long Readings => LiveReadings + ReplayReadings;

    public void Live(int readings)
    {
        Interlocked.Increment(ref _livePacks);
        Interlocked.Add(ref _liveReadings, readings);
    }

    public void Replayed(int readings)
    {
        Interlocked.Increment(ref _replayPacks);
        Interlocked.Add(ref _replayReadings, readings);
    }

    public void Failure() => Interlocked.Increment(ref _failed);

    public void LatePublish() => Interlocked.Increment(ref _late);
}
