using System.Globalization;
using System.Text.Json.Nodes;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Benchmarks.Edge;

/// <summary>
/// Steady-state memory of the real gateway (smartsensors-edge as a child process) with 8 simulated sensors of every kind,
/// sampled every second (60 times their usual rate) and published to a real mosquitto: after a warm-up, RSS is read from
/// /proc every second. Target: RSS ≤ 60 MB. RssAnon (private) and RssFile (mapped runtime and libraries, shared with
/// other .NET processes) are reported separately.
/// Usage: <c>edge-rss [--warmup 30] [--seconds 120] [--gen0 0x100000|default] [--edge path/to/smartsensors-edge.dll | path/to/self-contained/smartsensors-edge]</c>.
/// </summary>
public static class EdgeMemoryHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var warmup = EdgeHarnessArgs.Int(args, "--warmup", 30);
        var seconds = EdgeHarnessArgs.Int(args, "--seconds", 120);
        var edge = EdgeHarnessArgs.String(args, "--edge") ?? Path.Combine(AppContext.BaseDirectory, "smartsensors-edge.dll");

        // As deployed (see edge/SmartSensors.Edge/README.md): a 1 MiB gen0 budget. "--gen0 default" leaves the runtime's own.
        var gen0 = EdgeHarnessArgs.String(args, "--gen0") ?? "0x100000";
        var environment = gen0 == "default" ? new Dictionary<string, string>() : new Dictionary<string, string> { ["DOTNET_GCgen0size"] = gen0 };
        if (!File.Exists(edge))
        {
            await Console.Error.WriteLineAsync($"{edge} not found: build edge/SmartSensors.Edge or pass --edge <path>.").ConfigureAwait(false);
            return 2;
        }

        await using var broker = await MosquittoFixture.StartAsync().ConfigureAwait(false);
        using var work = new TemporaryDirectory("edge-rss-harness");
        var config = WriteConfig(work, broker.Port);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : RequiredTool.Find("dotnet", "dotnet-sdk-10.0");
        // A .dll runs on the shared runtime (framework-dependent); anything else is an apphost (e.g. the self-contained, trimmed build).
        var isDll = edge.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        await using var gateway = isDll
            ? ChildProcess.Start(dotnet, [edge, "--config", config], "smartsensors-edge", work.Path, environment)
            : ChildProcess.Start(edge, ["--config", config], "smartsensors-edge", work.Path, environment);
        await gateway.WaitForLineAsync(l => l.Contains("Published birth status", StringComparison.Ordinal), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(warmup)).ConfigureAwait(false);

        var samples = new List<(long Rss, long Anon, long File)>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var i = 0; i < seconds && await timer.WaitForNextTickAsync().ConfigureAwait(false); i++)
        {
            if (gateway.HasExited)
            {
                await Console.Error.WriteLineAsync(gateway.Describe("exited during the measurement")).ConfigureAwait(false);
                return 1;
            }

            samples.Add(ReadStatus(gateway.Id));
        }

        static string Mb(double kb) => (kb / 1024).ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine("| gateway, 8 simulated sensors at 1/s | mean RSS (MB) | max RSS (MB) | mean RssAnon (MB) | mean RssFile (MB) | samples |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {Path.GetFileName(edge)}, DOTNET_GCgen0size={gen0} | {Mb(samples.Average(s => s.Rss))} | {Mb(samples.Max(s => s.Rss))} | {Mb(samples.Average(s => s.Anon))} | {Mb(samples.Average(s => s.File))} | {samples.Count} |");
        return samples.Max(s => s.Rss) <= 60 * 1024 ? 0 : 1;
    }

    private static (long Rss, long Anon, long File) ReadStatus(int pid)
    {
        long rss = 0, anon = 0, file = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            static long Kb(string l) => long.Parse(l.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kb(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kb(line);
            }
        }

        return (rss, anon, file);
    }

    private static string WriteConfig(TemporaryDirectory work, int port)
    {
        static JsonObject Sensor(string id, string kind, JsonObject? extra = null)
        {
            var sensor = new JsonObject { ["Id"] = id, ["Kind"] = kind, ["Bus"] = "simulated", ["Interval"] = "00:00:01", ["Timeout"] = "00:00:01" };
            foreach (var (key, value) in extra ?? [])
            {
                sensor[key] = value?.DeepClone();
            }

            return sensor;
        }

        var root = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } },
            ["SmartSensors"] = new JsonObject
            {
                ["Gateway"] = new JsonObject { ["Id"] = "rss-gw", ["Site"] = "bench", ["HealthInterval"] = "00:00:10" },
                ["Broker"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port, ["Tls"] = new JsonObject { ["Enabled"] = false } },
                ["Outbox"] = new JsonObject { ["Path"] = work.File("outbox.db") },
                ["Sensors"] = new JsonArray
                {
                    Sensor("weather", "bme280"),
                    Sensor("co2", "scd4x", new JsonObject { ["Interval"] = "00:00:05", ["Timeout"] = "00:00:05" }),
                    Sensor("pm-a", "sds011"),
                    Sensor("pm-b", "pms5003"),
                    Sensor("bed14", "soil-moisture", new JsonObject { ["Channel"] = 0, ["DryRaw"] = 21000, ["WetRaw"] = 9000 }),
                    Sensor("bed15", "soil-moisture", new JsonObject { ["Channel"] = 1, ["DryRaw"] = 21000, ["WetRaw"] = 9000 }),
                    Sensor("river", "water-level", new JsonObject { ["DatumMm"] = 4000, ["Interval"] = "00:00:02", ["Timeout"] = "00:00:02" }),
                    Sensor("door", "footfall", new JsonObject { ["Pin"] = 17, ["Interval"] = "00:00:05" }),
                },
            },
        };
        var path = work.File("gateway.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
