using SmartSensors.Devices.Bindings.Footfall;
using SmartSensors.Devices.Gpio;
using SmartSensors.Devices.Simulation;
using SmartSensors.Devices.Tests.Support;

namespace SmartSensors.Devices.Tests.Simulation;

/// <summary>The scenarios must be strong enough to trip the alert rules (DOMAIN.md thresholds), and reproducible.</summary>
public sealed class ScenarioTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // a Monday

    private static IEnumerable<DateTimeOffset> Every(TimeSpan step, TimeSpan span)
    {
        for (var t = Start; t < Start + span; t += step)
        {
            yield return t;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Soil_FourteenDays_DriesBelow25ForHoursAndJumpsWhenWatered(int seed)
    {
        var model = new SoilMoistureModel((ulong)seed);
        var values = Every(TimeSpan.FromMinutes(10), TimeSpan.FromDays(14)).Select(model.MoisturePercent).ToList();

        var hoursBelow25 = values.Count(v => v < 25) / 6.0;
        var biggestJump = values.Zip(values.Skip(1), (a, b) => b - a).Max();

        Assert.True(hoursBelow25 >= 12, $"only {hoursBelow25:0.#} h below 25 %");
        Assert.True(biggestJump > 40, $"watering jump only {biggestJump:0.#} points");
        Assert.All(values, v => Assert.InRange(v, 0, 100));
    }

    [Fact]
    public void Soil_SameSeedSameTime_SameValue()
    {
        var t = Start.AddHours(30);
        Assert.Equal(new SoilMoistureModel(9).MoisturePercent(t), new SoilMoistureModel(9).MoisturePercent(t));
        Assert.NotEqual(new SoilMoistureModel(9).MoisturePercent(t), new SoilMoistureModel(10).MoisturePercent(t));
    }

    [Fact]
    public void Air_Week_RushHourPeaksAndAnEpisodeAboveDaqiModerate()
    {
        var air = new AirQualityModel(4);
        var hourly = Every(TimeSpan.FromHours(1), TimeSpan.FromDays(8)).Select(t => Enumerable.Range(0, 60).Average(m => air.Pm25(t.AddMinutes(m)))).ToList();

        var running24 = Enumerable.Range(24, hourly.Count - 24).Select(i => hourly.Skip(i - 24).Take(24).Average()).ToList();
        Assert.True(running24.Max() > 35, $"max 24-h PM2.5 mean {running24.Max():0.#} never reaches DAQI moderate (>35)");
        Assert.True(running24.Min() < 23, $"min 24-h mean {running24.Min():0.#}: there is no clean period");

        // Monday: 08:00-09:00 is well above 03:00-04:00 (rush hour vs night), outside episodes as well.
        var monday = new AirQualityModel(4);
        var rush = Enumerable.Range(0, 60).Average(m => AirQualityModel.Traffic(Start.AddHours(8).AddMinutes(m)));
        var night = Enumerable.Range(0, 60).Average(m => AirQualityModel.Traffic(Start.AddHours(3).AddMinutes(m)));
        Assert.True(rush > night + 10);
        Assert.InRange(monday.Pm10(Start.AddHours(8)), monday.Pm25(Start.AddHours(8)), 500);
    }

    [Fact]
    public void River_Month_RisesAboveAlertLevelAndFallsBack()
    {
        var river = new RiverModel(2);
        var levels = Every(TimeSpan.FromMinutes(15), TimeSpan.FromDays(30)).Select(river.LevelMetres).ToList();

        var crossings = levels.Zip(levels.Skip(1)).Count(p => p.First < 1.5 && p.Second >= 1.5);
        var fastestRisePerHour = levels.Zip(levels.Skip(4), (a, b) => b - a).Max();

        Assert.True(crossings >= 2, $"only {crossings} rises above the 1.5 m alert level in 30 days");
        Assert.True(levels.Min() < 0.6, "never back to base flow");
        Assert.True(fastestRisePerHour > 0.1, $"fastest rise {fastestRisePerHour:0.###} m/h");
    }

    [Fact]
    public void Footfall_LunchtimeBusierThanNight()
    {
        Assert.True(FootfallModel.RatePerMinute(Start.AddHours(12.75)) > 10 * FootfallModel.RatePerMinute(Start.AddHours(3)));
    }

    [Fact]
    public void FootfallStimulus_LunchHour_CountsThroughRealCounterCloseToModel()
    {
        var clock = new ManualTimeProvider(Start.AddHours(12));
        var scenario = new ScenarioClock(clock);
        using var gpio = new SimulatedGpioController();
        using var counter = new FootfallCounter(gpio, 17, 27, PinEventTypes.Falling, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1500));
        using var stimulus = new SimulatedFootfallStimulus(gpio, scenario, 17, 27, PinEventTypes.Falling, seed: 8, start: false);

        for (var minute = 1; minute <= 60; minute++)
        {
            stimulus.AdvanceTo(Start.AddHours(12).AddMinutes(minute));
        }

        var counts = counter.TakeCounts();
        Assert.InRange(stimulus.People, 500, 1100);
        Assert.InRange(counts.Passages, stimulus.People * 0.85, stimulus.People); // a few coincide within the lockout
        Assert.Equal(counts.Passages, counts.In + counts.Out);
        Assert.InRange(counts.In / (double)counts.Passages, 0.45, 0.65);
    }

    [Fact]
    public void ScenarioClock_SpeedUp_CompressesADayIntoAMinute()
    {
        var clock = new ManualTimeProvider(Start);
        var scenario = new ScenarioClock(clock, Start, speedUp: 1440);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start.AddDays(1), scenario.Now);
    }

    [Fact]
    public void ScenarioClock_CatchUpFromThePast_ReplaysFastThenFollowsTheClockNeverAhead()
    {
        var clock = new ManualTimeProvider(Start);
        var scenario = new ScenarioClock(clock, Start.AddMinutes(-10), speedUp: 10, catchUp: true);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Start.AddMinutes(-5), scenario.Now); // 30 s × 10 = 5 scenario minutes replayed

        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(clock.GetUtcNow(), scenario.Now); // caught up after 10/(10−1) minutes; now it is the present

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(clock.GetUtcNow(), scenario.Now); // and never ahead of it (a future timestamp is refused)

        var without = new ScenarioClock(clock, clock.GetUtcNow(), speedUp: 10);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(without.Now > clock.GetUtcNow()); // without CatchUp, scenario time runs ahead
    }

    [Fact]
    public void FrameSource_CorruptRate_DamagesAboutThatShare()
    {
        var source = new SimulatedFrameSource(() => [0xFF, 0x07, 0xA1, 0xA7], 0.1, 3);
        for (var i = 0; i < 10_000; i++)
        {
            _ = source.Next();
        }

        Assert.InRange(source.CorruptedSent, 800, 1200);
    }
}
