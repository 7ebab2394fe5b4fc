namespace SmartSensors.Devices.Simulation;

/// <summary>
/// A flowerbed's moisture index over time: watered to ~78 %, dries by 9-15 %/day (faster in the afternoon), and
/// is watered again about half a day after dropping to ~15 % — so each bed spends a day or more below the 25 %
/// "needs watering" band every 5-7 days. A pure function of time and seed.
/// </summary>
public sealed class SoilMoistureModel
{
    private const double WateredTo = 78.0;
    private const double WaterWhenBelow = 15.0;
    private readonly ulong _seed;
    private readonly double _dryPerDay;
    private readonly double _cycleDays;
    private readonly double _offsetDays;

    public SoilMoistureModel(ulong seed)
    {
        _seed = seed;
        _dryPerDay = 9.0 + (6.0 * DeterministicNoise.Uniform(seed, -1));
        _cycleDays = ((WateredTo - WaterWhenBelow) / _dryPerDay) + 0.5;
        _offsetDays = _cycleDays * DeterministicNoise.Uniform(seed, -2);
    }

    /// <summary>Days between waterings.</summary>
    public double CycleDays => _cycleDays;

    public double MoisturePercent(DateTimeOffset time)
    {
        var days = (time.ToUnixTimeMilliseconds() / 86_400_000.0) + _offsetDays;
        var phase = days % _cycleDays;
        var hourOfDay = (days % 1.0) * 24.0;

        // Diurnal: evapotranspiration peaks mid-afternoon; the linear trend carries the average.
        var diurnal = -0.8 * Math.Sin(2 * Math.PI * (hourOfDay - 9.0) / 24.0);
        var noise = 0.4 * DeterministicNoise.Gaussian(_seed, (long)(days * 1440));
        return Math.Clamp(WateredTo - (_dryPerDay * phase) + diurnal + noise, 3.0, 95.0);
    }
}
