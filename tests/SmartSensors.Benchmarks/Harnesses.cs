namespace SmartSensors.Benchmarks;

/// <summary>The load harnesses, by the name given on the command line.</summary>
internal static class Harnesses
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["influx-write"] = Influx.InfluxWriteHarness.RunAsync,
    };

    public static bool TryGet(string name, out Func<string[], Task<int>> harness) => All.TryGetValue(name, out harness!);
}
