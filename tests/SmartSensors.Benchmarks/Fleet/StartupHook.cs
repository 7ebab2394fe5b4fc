using SmartSensors.Benchmarks.Fleet;

// The fleet-load harness starts the real smartsensors-cloud with DOTNET_STARTUP_HOOKS pointing at this assembly, so
// the product binary runs unchanged while IngestProbe listens to its own metrics from inside the process.
#pragma warning disable CA1050 // the runtime looks for a type named StartupHook in the global namespace, nowhere else
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize() => IngestProbe.StartFromEnvironment();
}
