using SmartSensors.Contracts;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>The suite's verdict must be able to fail: the comparison finds a missing reading, a reading stored under
/// another timestamp, a changed value, and readings folded into one point; and tolerates the microsecond rounding.</summary>
public sealed class DeliveryComparisonTests
{
    private static readonly long Start = new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void Compare_EveryReadingStoredOnce_IsExact()
    {
        var produced = Readings(3);
        var result = DeliveryComparison.Compare(produced, Store(produced));
        Assert.True(result.Exact, result.Describe());
        Assert.Equal(3, result.Stored);
    }

    [Fact]
    public void Compare_ReadingMissing_CountsLost()
    {
        var produced = Readings(3);
        var result = DeliveryComparison.Compare(produced, Store(produced.Take(2)));
        Assert.Equal(produced[2], Assert.Single(result.Lost));
        Assert.False(result.Exact);
    }

    [Fact]
    public void Compare_RedeliveryStoredUnderAnotherTimestamp_CountsDuplicated()
    {
        var produced = Readings(2);
        var stored = Store(produced);
        stored[produced[0].Series][produced[0].CaptureMicros + 500_000] = produced[0].Value;
        var result = DeliveryComparison.Compare(produced, stored);
        Assert.Equal(1, result.Duplicated);
        Assert.Empty(result.Lost);
    }

    [Fact]
    public void Compare_TwoReadingsOnOneSeriesAndTimestamp_CountsDuplicated()
    {
        var produced = Readings(2);
        produced.Add(produced[1] with { OutboxId = 99 });
        var result = DeliveryComparison.Compare(produced, Store(produced));
        Assert.Equal(1, result.Duplicated);
    }

    [Fact]
    public void Compare_ValueChanged_CountsWrongValue()
    {
        var produced = Readings(2);
        var stored = Store(produced);
        stored[produced[1].Series][produced[1].CaptureMicros] = produced[1].Value + 0.5;
        var result = DeliveryComparison.Compare(produced, stored);
        Assert.Single(result.WrongValue);
        Assert.False(result.Exact);
    }

    [Fact]
    public void Compare_TimestampRoundedByOneMicrosecond_StillMatches()
    {
        var produced = Readings(1);
        var stored = new Dictionary<StoredSeries, Dictionary<long, double>> { [produced[0].Series] = new() { [produced[0].CaptureMicros - 1] = produced[0].Value } };
        Assert.True(DeliveryComparison.Compare(produced, stored).Exact);
    }

    private static List<ProducedReading> Readings(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ProducedReading("gw-1", i + 1, "weather-00", SensorKind.Weather, "temperature", 10 + i, Start + (i * TimeSpan.TicksPerSecond) + 1234))];

    private static Dictionary<StoredSeries, Dictionary<long, double>> Store(IEnumerable<ProducedReading> readings)
    {
        var stored = new Dictionary<StoredSeries, Dictionary<long, double>>();
        foreach (var r in readings)
        {
            if (!stored.TryGetValue(r.Series, out var points))
            {
                stored[r.Series] = points = [];
            }

            points[r.CaptureMicros] = r.Value;
        }

        return stored;
    }
}
