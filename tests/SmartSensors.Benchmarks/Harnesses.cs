namespace SmartSensors.Benchmarks;

/// <summary>The load harnesses, by the name given on the command line.</summary>
internal static class Harnesses
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mqtt-throughput"] = Mqtt.MqttThroughputHarness.RunAsync,
        ["influx-write"] = Influx.InfluxWriteHarness.RunAsync,
        ["edge-outbox"] = Edge.EdgeOutboxHarness.RunAsync,
        ["edge-drain"] = Edge.EdgeDrainHarness.RunAsync,
        ["edge-rss"] = Edge.EdgeMemoryHarness.RunAsync,
        ["ingest-load"] = Ingest.IngestLoadHarness.RunAsync,
        ["alerts-latency"] = Alerts.AlertLatencyHarness.RunAsync,
        ["fleet-load"] = Fleet.FleetLoadHarness.RunAsync,
    };

    public static bool TryGet(string name, out Func<string[], Task<int>> harness) => All.TryGetValue(name, out harness!);
}
