namespace SmartSensors.Devices.Simulation;

/// <summary>Scenario settings for simulated sensors (bindable from configuration).</summary>
public sealed class SimulationOptions
{
    /// <summary>Scenario seed: same seed, same signals.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Scenario time runs this many times faster than the clock: 1440 makes a day last a minute.</summary>
    public double SpeedUp { get; set; } = 1.0;

    /// <summary>Scenario time at start-up; null = the clock's current time.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>
    /// False (default): samples are stamped with the real clock and only the signal follows scenario time, so the
    /// cloud sees plausible capture times. True: samples are stamped with scenario time (replaying history).
    /// </summary>
    public bool UseScenarioTimestamps { get; set; }

    /// <summary>
    /// False (default): scenario time runs at <see cref="SpeedUp"/> for ever. True: it runs at <see cref="SpeedUp"/>
    /// only until it reaches the clock's present and then keeps pace with the clock — with a <see cref="Start"/> in
    /// the past and <see cref="UseScenarioTimestamps"/>, a fast replay of recent history that then goes live and never
    /// stamps a reading in the future (which the cloud refuses). The demo's air-quality post uses it to fill the
    /// DAQI's 24-hour running means within minutes.
    /// </summary>
    public bool CatchUp { get; set; }

    /// <summary>Fraction (0-1) of simulated serial frames sent corrupted (bad checksum, truncated, garbage) to exercise the parsers.</summary>
    public double CorruptFrameRate { get; set; } = 0.02;

    public IReadOnlyList<string> Validate(string settingPrefix = "")
    {
        var errors = new List<string>();
        if (!(SpeedUp is >= 0.001 and <= 1_000_000))
        {
            errors.Add($"{settingPrefix}{nameof(SpeedUp)} must be 0.001-1000000 (got {SpeedUp}).");
        }

        if (!(CorruptFrameRate is >= 0 and <= 1))
        {
            errors.Add($"{settingPrefix}{nameof(CorruptFrameRate)} must be 0-1 (got {CorruptFrameRate}).");
        }

        return errors;
    }
}
