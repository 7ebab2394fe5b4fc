using SmartSensors.Devices.Bindings.Footfall;
using SmartSensors.Devices.Gpio;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class FootfallCounterTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static FootfallCounter Single(SimulatedGpioController gpio) =>
        new(gpio, 17, null, PinEventTypes.Falling, Ms(20), Ms(300), Ms(1500));

    private static FootfallCounter Double(SimulatedGpioController gpio) =>
        new(gpio, 17, 27, PinEventTypes.Falling, Ms(20), Ms(300), Ms(1500));

    [Fact]
    public void Constructor_RequestsKernelDebounceAndActiveEdgeWithPullUp()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Single(gpio);

        Assert.Equal(new GpioInputOptions(PinEventTypes.Falling, Ms(20)), gpio.OptionsOf(17));
        Assert.Equal(PinValue.High, gpio.Read(17)); // pulled up: beam intact
    }

    [Fact]
    public void SingleBeam_BreakWithContactBounce_CountsOnce()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Single(gpio);

        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1000));
        gpio.InjectEdge(17, PinEventTypes.Rising, Ms(1000.3));
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1000.8));
        gpio.InjectEdge(17, PinEventTypes.Rising, Ms(1250));

        Assert.Equal(1, counter.TakeCounts().Passages);
    }

    [Fact]
    public void SingleBeam_SecondLegWithinLockout_CountsOnceThenNextPersonCounts()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Single(gpio);

        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1000));
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1200)); // second leg
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(2500)); // next person

        Assert.Equal(2, counter.TakeCounts().Passages);
    }

    [Fact]
    public void TakeCounts_StartsNewInterval()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Single(gpio);
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1000));

        Assert.Equal(1, counter.TakeCounts().Passages);
        Assert.Equal(default, counter.TakeCounts());
    }

    [Fact]
    public void TwoBeams_AThenB_In_BThenA_Out()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Double(gpio);

        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1000));
        gpio.InjectEdge(27, PinEventTypes.Falling, Ms(1180)); // in
        gpio.InjectEdge(27, PinEventTypes.Falling, Ms(5000));
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(5200)); // out
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(9000));
        gpio.InjectEdge(27, PinEventTypes.Falling, Ms(9150)); // in

        Assert.Equal(new FootfallCounts(3, 2, 1, 0), counter.TakeCounts());
    }

    [Fact]
    public void TwoBeams_OneBeamOnlyThenLongGap_CountedUnpairedNotAsPassage()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Double(gpio);

        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(1000));  // someone turns back
        gpio.InjectEdge(27, PinEventTypes.Falling, Ms(9000));  // far outside the window: not a pair
        gpio.InjectEdge(17, PinEventTypes.Falling, Ms(9100));  // B then A: out

        var c = counter.TakeCounts();
        Assert.Equal(1, c.Passages);
        Assert.Equal(1, c.Out);
        Assert.Equal(1, c.Unpaired);
    }

    [Fact]
    public void IgnoresEdgesItDidNotAskFor()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = Single(gpio);

        gpio.InjectEdge(17, PinEventTypes.Rising, Ms(1000));
        gpio.InjectEdge(17, PinEventTypes.Rising, Ms(3000));

        Assert.Equal(0, counter.TakeCounts().Passages);
    }

    [Fact]
    public void Dispose_ReleasesLines()
    {
        using var gpio = new SimulatedGpioController();
        var counter = Double(gpio);

        counter.Dispose();

        Assert.False(gpio.IsPinOpen(17));
        Assert.False(gpio.IsPinOpen(27));
    }

    [Fact]
    public void Pir_RisingEdge_PullDownAndCounts()
    {
        using var gpio = new SimulatedGpioController();
        using var counter = new FootfallCounter(gpio, 4, null, PinEventTypes.Rising, Ms(50), Ms(2000), Ms(1500));

        gpio.InjectEdge(4, PinEventTypes.Rising, Ms(1000));
        gpio.InjectEdge(4, PinEventTypes.Rising, Ms(2500)); // PIR retrigger within 2 s: same person

        Assert.Equal(PinValue.High, gpio.Read(4));
        Assert.Equal(1, counter.TakeCounts().Passages);
    }
}
