using SmartSensors.Cloud.Alerts.Rules;

namespace SmartSensors.Cloud.Tests.Alerts;

public sealed class LevelDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_FlappingAroundThresholdForHours_NeverRaises()
    {
        var dry = new LevelDetector([25], rising: false, hysteresis: 5, TimeSpan.FromMinutes(30));
        var raised = 0;
        for (var i = 0; i < 48; i++)
        {
            if (dry.Observe(i % 2 == 0 ? 24 : 26, T0.AddMinutes(5 * i)) is > 0)
            {
                raised++;
            }
        }

        Assert.Equal(0, raised);
        Assert.Equal(0, dry.Level);
    }

    [Fact]
    public void Observe_SustainedThenFlappingInsideHysteresis_RaisesOnceAndHolds()
    {
        var dry = new LevelDetector([25], rising: false, hysteresis: 5, TimeSpan.FromMinutes(30));
        var changes = new List<int>();
        var minute = 0;
        foreach (var value in new double[] { 20, 20, 20, 20, 20, 20, 20, 24, 26, 29, 24, 29.9, 22, 26 })
        {
            if (dry.Observe(value, T0.AddMinutes(minute)) is { } level)
            {
                changes.Add(level);
            }

            minute += 5;
        }

        Assert.Equal([1], changes);
        Assert.Equal(0, dry.Observe(30, T0.AddMinutes(minute)));
    }

    [Fact]
    public void Observe_OneNoisySample_DoesNotRaise()
    {
        var dry = new LevelDetector([25], rising: false, hysteresis: 5, TimeSpan.FromMinutes(30));
        Assert.Null(dry.Observe(40, T0));
        Assert.Null(dry.Observe(3, T0.AddMinutes(5)));
        Assert.Null(dry.Observe(40, T0.AddMinutes(10)));
        Assert.Null(dry.Observe(3, T0.AddMinutes(50)));
        Assert.Equal(0, dry.Level);
    }

    [Fact]
    public void Observe_RisingLevels_EscalatesAtOnceAndEasesOnlyPastHysteresis()
    {
        var river = new LevelDetector([1.0, 1.5, 2.0], rising: true, hysteresis: 0.05, TimeSpan.Zero);
        Assert.Equal(1, river.Observe(1.0, T0));
        Assert.Equal(3, river.Observe(2.1, T0.AddMinutes(1)));
        Assert.Null(river.Observe(1.97, T0.AddMinutes(2)));
        Assert.Equal(2, river.Observe(1.9, T0.AddMinutes(3)));
        Assert.Equal(1, river.Observe(0.96, T0.AddMinutes(4))); // below 1.5 - 0.05, still above 1.0 - 0.05
        Assert.Equal(0, river.Observe(0.9, T0.AddMinutes(5)));
    }

    [Fact]
    public void Observe_OlderThanLastValue_Ignored()
    {
        var river = new LevelDetector([1.0], rising: true, hysteresis: 0, TimeSpan.Zero);
        Assert.Equal(1, river.Observe(1.2, T0));
        Assert.Null(river.Observe(0.2, T0.AddMinutes(-10)));
        Assert.Equal(1, river.Level);
    }

    [Fact]
    public void Constructor_UnorderedThresholds_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LevelDetector([2, 1], rising: true, 0, TimeSpan.Zero));
        Assert.Contains("ordered", error.Message, StringComparison.Ordinal);
    }
}
