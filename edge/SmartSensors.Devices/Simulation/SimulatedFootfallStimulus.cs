using SmartSensors.Devices.Gpio;

namespace SmartSensors.Devices.Simulation;

/// <summary>
/// Drives a <see cref="SimulatedGpioController"/> with people walking past, following <see cref="FootfallModel"/>
/// in scenario time: every tick (250 ms of the clock) it injects the beam breaks of the people who passed since the
/// last tick, with contact bounce, and for two beams the A/B order of their direction. Edge timestamps are
/// scenario time, so debounce and pairing see realistic gaps even when the scenario is sped up.
/// </summary>
public sealed class SimulatedFootfallStimulus : IDisposable
{
    private readonly SimulatedGpioController _gpio;
    private readonly ScenarioClock _clock;
    private readonly int _pinA;
    private readonly int? _pinB;
    private readonly PinEventTypes _activeEdge;
    private readonly ulong _seed;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private DateTimeOffset _last;
    private long _draws;

    public SimulatedFootfallStimulus(SimulatedGpioController gpio, ScenarioClock clock, int pinA, int? pinB, PinEventTypes activeEdge, ulong seed, bool start = true)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(clock);
        _gpio = gpio;
        _clock = clock;
        _pinA = pinA;
        _pinB = pinB;
        _activeEdge = activeEdge;
        _seed = seed;
        _last = clock.Now;
        _timer = clock.TimeProvider.CreateTimer(_ => AdvanceTo(_clock.Now), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (start)
        {
            _ = _timer.Change(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>People generated so far.</summary>
    public long People { get; private set; }

    /// <summary>Injects everyone who passed between the previous call and <paramref name="now"/> (scenario time).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now <= _last)
            {
                return;
            }

            var minutes = (now - _last).TotalMinutes;
            var mean = FootfallModel.RatePerMinute(_last + ((now - _last) / 2)) * minutes;
            var people = Poisson(mean);
            var span = now - _last;
            var times = new List<DateTimeOffset>(people);
            for (var i = 0; i < people; i++)
            {
                times.Add(_last + (span * DeterministicNoise.Uniform(_seed, _draws++)));
            }

            times.Sort();
            foreach (var t in times)
            {
                Walk(t, DeterministicNoise.Uniform(_seed ^ 0xD1, _draws++) < FootfallModel.InboundShare);
            }

            People += people;
            _last = now;
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Walk(DateTimeOffset at, bool inbound)
    {
        var ts = TimeSpan.FromTicks(at.UtcTicks);
        if (_pinB is not { } pinB)
        {
            Break(_pinA, ts);
            return;
        }

        var (first, second) = inbound ? (_pinA, pinB) : (pinB, _pinA);
        Break(first, ts);
        Break(second, ts + TimeSpan.FromMilliseconds(180));
    }

    private void Break(int pin, TimeSpan ts)
    {
        var restore = _activeEdge == PinEventTypes.Falling ? PinEventTypes.Rising : PinEventTypes.Falling;

        // Contact bounce on the leading edge, then the body leaves the beam ~250 ms later.
        _gpio.InjectEdge(pin, _activeEdge, ts);
        _gpio.InjectEdge(pin, restore, ts + TimeSpan.FromMilliseconds(0.3));
        _gpio.InjectEdge(pin, _activeEdge, ts + TimeSpan.FromMilliseconds(0.8));
        _gpio.InjectEdge(pin, restore, ts + TimeSpan.FromMilliseconds(250));
    }

    private int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return (int)Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * DeterministicNoise.Gaussian(_seed ^ 0x9, _draws++))));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= DeterministicNoise.Uniform(_seed ^ 0x7, _draws++);
        }
        while (p > limit);
        return k - 1;
    }
}
