using Microsoft.Data.Sqlite;
using SmartSensors.Contracts;
using SmartSensors.Edge.Outbox;
using SmartSensors.Edge.Tests.Support;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Edge.Tests.Outbox;

public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new("outbox");
    private readonly ManualTimeProvider _time = new(Start);

    private string DbPath => _directory.File("outbox.db");

    public void Dispose() => _directory.Dispose();

    private SqliteOutbox Open(long maxBytes = 1024 * 1024, TimeSpan? maxAge = null) =>
        SqliteOutbox.Open(DbPath, maxBytes, maxAge ?? TimeSpan.FromDays(30), _time);

    private static Reading Moisture(int i, string sensor = "bed14") =>
        Reading.Of(sensor, Quantities.Moisture, i % 100, Start.AddMinutes(i).AddTicks(123_4560));

    private static List<Reading> Readings(int from, int count, string sensor = "bed14") =>
        Enumerable.Range(from, count).Select(i => Moisture(i, sensor)).ToList();

    [Fact]
    public void Append_ThenReadAfter_ReturnsReadingsInCaptureOrderWithOriginalTimes()
    {
        using var outbox = Open();
        outbox.Append(Readings(0, 5));
        outbox.Append(Readings(5, 5));

        var entries = outbox.ReadAfter(0, 100);

        Assert.Equal(Readings(0, 10), entries.Select(e => e.Reading).ToList());
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(5, outbox.ReadAfter(entries[4].Id, 100).Count);
        Assert.Equal(3, outbox.ReadAfter(0, 3).Count);
    }

    [Fact]
    public void SavePack_ItsReadingsAreNotOfferedAgain_AndThePackSurvivesReopenWithItsState()
    {
        byte[] payload = [1, 2, 3];
        using (var outbox = Open())
        {
            outbox.Append(Readings(0, 10));
            var entries = outbox.ReadAfter(0, 4);
            outbox.SavePack(new StoredPack(7, 3, entries[0].Id, entries[^1].Id, payload, StoredPackState.Sent));

            // Readings carried by a recorded pack are never put into a second pack, also after a rewind to 0.
            Assert.Equal(Readings(4, 6), outbox.ReadAfter(0, 100).Select(e => e.Reading).ToList());
            outbox.MarkReceived([(7, StoredPackState.Received)]);
        }

        using var reopened = Open();
        var stored = Assert.Single(reopened.StoredPacks());
        Assert.Equal((7L, (ushort)3, StoredPackState.Received), (stored.Sequence, stored.PacketId, stored.State));
        Assert.Equal(payload, stored.Payload);
        Assert.Equal(6, reopened.ReadAfter(0, 100).Count);
        Assert.Equal(10, reopened.GetStatistics().Depth);
    }

    [Fact]
    public void CompletePacks_DeliveredDeletesPackAndReadings_UndeliveredKeepsReadingsForAnotherPack()
    {
        using var outbox = Open();
        outbox.Append(Readings(0, 10));
        var all = outbox.ReadAfter(0, 100);
        var delivered = new StoredPack(1, 1, all[0].Id, all[4].Id, [1], StoredPackState.Received);
        var undelivered = new StoredPack(2, 2, all[5].Id, all[9].Id, [2], StoredPackState.ReceivedUndelivered);
        outbox.SavePack(delivered);
        outbox.SavePack(undelivered);
        Assert.Empty(outbox.ReadAfter(0, 100));

        var deleted = outbox.CompletePacks([(delivered, true), (undelivered, false)]);

        Assert.Equal(5, deleted);
        Assert.Empty(outbox.StoredPacks());
        Assert.Equal(Readings(5, 5), outbox.ReadAfter(0, 100).Select(e => e.Reading).ToList());
        Assert.Equal(5, outbox.GetStatistics().Depth);
    }

    [Fact]
    public void Append_NonFiniteValue_IsRefusedAndNothingIsStored()
    {
        using var outbox = Open();
        var bad = Readings(0, 3);
        bad[1] = bad[1] with { Value = double.NaN };

        var error = Assert.Throws<ArgumentException>(() => outbox.Append(bad));

        Assert.Contains("not a finite number", error.Message);
        Assert.Equal(0, outbox.GetStatistics().Depth);
    }

    [Fact]
    public void Acknowledge_DeletesOnlyThoseReadings_AndSurvivesReopen()
    {
        using (var outbox = Open())
        {
            outbox.Append(Readings(0, 10));
            var entries = outbox.ReadAfter(0, 100);
            Assert.Equal(4, outbox.Acknowledge(entries.Take(4).ToList()));
            Assert.Equal(0, outbox.Acknowledge(entries.Take(2).ToList()));
            Assert.Equal(6, outbox.GetStatistics().Depth);
        }

        using var reopened = Open();
        var left = reopened.ReadAfter(0, 100);
        Assert.Equal(Readings(4, 6), left.Select(e => e.Reading).ToList());
        var stats = reopened.GetStatistics();
        Assert.Equal(6, stats.Depth);
        Assert.Equal(left.Sum(e => (long)e.Bytes), stats.Bytes);
        Assert.Equal(Moisture(4).CaptureTime, stats.OldestCaptureTime);
    }

    [Fact]
    public void Append_AfterTableEmptied_NeverReusesIds()
    {
        using (var outbox = Open())
        {
            outbox.Append(Readings(0, 3));
            var all = outbox.ReadAfter(0, 10);
            outbox.Acknowledge(all);
            Assert.Empty(outbox.ReadAfter(0, 10));
        }

        using var reopened = Open();
        reopened.Append(Readings(3, 1));
        var again = reopened.ReadAfter(0, 10);
        Assert.Single(again);
        Assert.True(again[0].Id > 3, "a new reading must get an id above every earlier one, or a reader's cursor would skip it");
    }

    [Fact]
    public void Append_OverByteBound_EvictsOldestAndCountsThemPersistently()
    {
        var size = SqliteOutbox.SizeOf(Moisture(0));
        var maxBytes = size * 100L;
        using (var outbox = Open(maxBytes))
        {
            outbox.Append(Readings(0, 80));
            var result = outbox.Append(Readings(80, 50));

            Assert.Equal(30, result.EvictedForSpace);
            var stats = outbox.GetStatistics();
            Assert.Equal(100, stats.Depth);
            Assert.True(stats.Bytes <= maxBytes);
            Assert.Equal(30, stats.EvictedTotal);
            Assert.Equal(Readings(30, 100), outbox.ReadAfter(0, 1000).Select(e => e.Reading).ToList());
        }

        using (var reopened = Open(maxBytes))
        {
            Assert.Equal(30, reopened.GetStatistics().EvictedTotal);
            reopened.Append(Readings(130, 10));
            Assert.Equal(40, reopened.GetStatistics().EvictedTotal);
            Assert.Equal(Moisture(40).CaptureTime, reopened.GetStatistics().OldestCaptureTime);
        }
    }

    [Fact]
    public void Append_BatchLargerThanBound_KeepsNewestOfBatch()
    {
        var size = SqliteOutbox.SizeOf(Moisture(0));
        using var outbox = Open(size * 10L);

        var result = outbox.Append(Readings(0, 25));

        Assert.Equal(10, result.Appended);
        Assert.Equal(15, outbox.GetStatistics().EvictedTotal);
        Assert.Equal(Readings(15, 10), outbox.ReadAfter(0, 100).Select(e => e.Reading).ToList());
    }

    [Fact]
    public void EvictExpired_ReadingsOlderThanMaxAge_AreEvictedAndCounted()
    {
        using var outbox = Open(maxAge: TimeSpan.FromHours(1));
        outbox.Append(Readings(0, 120)); // one a minute: two hours of readings
        _time.Advance(TimeSpan.FromMinutes(120));

        var evicted = outbox.EvictExpired();

        // "now" is Start + 120 min; readings captured before Start + 60 min (plus the fixed sub-second offset) are expired.
        Assert.Equal(60, evicted);
        var stats = outbox.GetStatistics();
        Assert.Equal(60, stats.Depth);
        Assert.Equal(60, stats.EvictedTotal);
        Assert.Equal(Moisture(60).CaptureTime, stats.OldestCaptureTime);
    }

    [Fact]
    public void Append_WithExpiredReadingsWaiting_EvictsThemInTheSameTransaction()
    {
        using var outbox = Open(maxAge: TimeSpan.FromMinutes(30));
        outbox.Append(Readings(0, 10));
        _time.Advance(TimeSpan.FromHours(2));

        var result = outbox.Append(Readings(200, 1));

        Assert.Equal(10, result.EvictedForAge);
        Assert.Equal(1, outbox.GetStatistics().Depth);
    }

    [Fact]
    public void NextSequence_IsMonotonicAndNeverReusedAcrossReopen()
    {
        var seen = new List<long>();
        for (var run = 0; run < 3; run++)
        {
            using var outbox = Open();
            for (var i = 0; i < 5; i++)
            {
                seen.Add(outbox.NextSequence());
            }
        }

        Assert.Equal(seen.Order().ToList(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(0, seen[0]);
    }

    [Fact]
    public void Append_Returns_OnlyAfterCommit_VisibleToAnotherConnection()
    {
        using var outbox = Open();
        outbox.Append(Readings(0, 7));

        // A second, independent connection (as a process restarted after SIGKILL would open) sees the rows.
        using var other = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        other.Open();
        using var command = other.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM readings";
        Assert.Equal(7L, command.ExecuteScalar());
        using var mode = other.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task Appended_IsRaisedAfterCommit()
    {
        using var outbox = Open();
        var raised = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.Appended += () => raised.TrySetResult(outbox.GetStatistics().Depth);

        outbox.Append(Readings(0, 2));

        Assert.Equal(2, await raised.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
