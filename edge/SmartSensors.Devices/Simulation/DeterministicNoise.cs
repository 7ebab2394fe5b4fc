namespace SmartSensors.Devices.Simulation;

/// <summary>
/// Reproducible pseudo-random numbers from a (seed, index) pair (SplitMix64 mixing), so scenario signals are pure
/// functions of time: the same seed and time give the same value on every run. Not for anything secret.
/// </summary>
public static class DeterministicNoise
{
    public static ulong Hash(ulong seed, long index)
    {
        var z = seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(ulong seed, long index) => (Hash(seed, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller over two hashed uniforms).</summary>
    public static double Gaussian(ulong seed, long index)
    {
        var u1 = Math.Max(Uniform(seed, 2 * index), 1e-12);
        var u2 = Uniform(seed ^ 0x5DEECE66DUL, (2 * index) + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A per-sensor seed from the scenario seed and the sensor id (FNV-1a), so two beds differ.</summary>
    public static ulong SeedFor(int scenarioSeed, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var h = 14695981039346656037UL ^ (ulong)(uint)scenarioSeed;
        foreach (var c in sensorId)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
