namespace SmartSensors.Devices.Simulation;

/// <summary>
/// A river stage above its datum: base flow ~0.45 m; in most 4-day windows a rain event raises it over ~8 hours
/// by 0.5-2.3 m (unit-hydrograph shape) and it recedes over the next day or two. With an alert level of 1.5 m,
/// about two events in three cross it. A pure function of time and seed.
/// </summary>
public sealed class RiverModel
{
    private const double SlotDays = 4.0;
    private const double TimeToPeakHours = 8.0;
    private readonly ulong _seed;

    public RiverModel(ulong seed)
    {
        _seed = seed;
    }

    public double BaseLevelMetres { get; init; } = 0.45;

    public double LevelMetres(DateTimeOffset t)
    {
        var days = t.ToUnixTimeMilliseconds() / 86_400_000.0;
        var slot = (long)Math.Floor(days / SlotDays);
        var level = BaseLevelMetres + (0.03 * Math.Sin(2 * Math.PI * days / 9.0));
        for (var k = slot - 3; k <= slot; k++)
        {
            if (DeterministicNoise.Uniform(_seed, 3 * k) > 0.75)
            {
                continue; // a dry window
            }

            var start = (k + (0.8 * DeterministicNoise.Uniform(_seed, (3 * k) + 1))) * SlotDays;
            var amplitude = 0.5 + (1.8 * DeterministicNoise.Uniform(_seed, (3 * k) + 2));
            var hours = (days - start) * 24.0;
            if (hours > 0)
            {
                var x = hours / TimeToPeakHours;
                level += amplitude * Math.Pow(x, 3) * Math.Exp(3 * (1 - x));
            }
        }

        return level;
    }
}
