using System.Globalization;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// The size of a fault-injection run. The short form runs in CI; <c>SMARTSENSORS_FAULT_FULL=1</c> selects the full form
/// (more gateways, more rounds). <c>SMARTSENSORS_FAULT_SEED</c> replays a schedule; otherwise the seed is random (and
/// always printed).
/// </summary>
internal sealed record FaultSettings(
    int Seed,
    bool Full,
    int Gateways,
    int SensorsPerGateway,
    int IngestReplicas,
    int Rounds,
    TimeSpan MinGap,
    TimeSpan MaxGap,
    TimeSpan MaxDowntime,
    TimeSpan MaxPartition,
    TimeSpan Budget)
{
    public const string SeedVariable = "SMARTSENSORS_FAULT_SEED";
    public const string FullVariable = "SMARTSENSORS_FAULT_FULL";

    public static FaultSettings FromEnvironment()
    {
        var seedText = Environment.GetEnvironmentVariable(SeedVariable);
        int seed;
        if (string.IsNullOrWhiteSpace(seedText))
        {
            seed = Random.Shared.Next(1, int.MaxValue);
        }
        else if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new InvalidOperationException($"{SeedVariable}='{seedText}' is not an integer seed.");
        }

        var full = Environment.GetEnvironmentVariable(FullVariable) is "1" or "true" or "yes";
        return full
            ? new FaultSettings(seed, Full: true, Gateways: 4, SensorsPerGateway: 8, IngestReplicas: 2, Rounds: 5,
                MinGap: TimeSpan.FromSeconds(1), MaxGap: TimeSpan.FromSeconds(8), MaxDowntime: TimeSpan.FromSeconds(6),
                MaxPartition: TimeSpan.FromSeconds(15), Budget: TimeSpan.FromMinutes(30))
            : new FaultSettings(seed, Full: false, Gateways: 2, SensorsPerGateway: 6, IngestReplicas: 2, Rounds: 2,
                MinGap: TimeSpan.FromMilliseconds(300), MaxGap: TimeSpan.FromSeconds(3), MaxDowntime: TimeSpan.FromSeconds(2),
                MaxPartition: TimeSpan.FromSeconds(10), Budget: TimeSpan.FromMinutes(6));
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"seed {Seed} ({(Full ? "full" : "short")} form: {Gateways} gateways x {SensorsPerGateway} simulated sensors, {IngestReplicas} ingest replicas, {Rounds} round(s) of faults); replay with {SeedVariable}={Seed}{(Full ? $" {FullVariable}=1" : string.Empty)}");
}
