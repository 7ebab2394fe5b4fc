using System.Text.Json;
using System.Text.Json.Nodes;
using SmartSensors.Testing.Processes;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// One gateway: the real <c>smartsensors-edge</c> program as a child process in simulation mode, with its own outbox
/// (audited, see <see cref="OutboxAudit"/>) and two configurations: <em>flowing</em> (every sensor sampled each second,
/// health each second) and <em>draining</em> (intervals of an hour: after the first sample at start-up it produces
/// nothing more, so its outbox can empty).
/// </summary>
internal sealed class SimulatedGateway : IAsyncDisposable
{
    public const string Site = "fault-town";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _directory;
    private readonly int _sensors;
    private readonly int _brokerPort;
    private ChildProcess? _process;
    private int _lives;

    public SimulatedGateway(string id, int sensors, int brokerPort)
    {
        GatewayId = id;
        _sensors = sensors;
        _brokerPort = brokerPort;
        _directory = new TemporaryDirectory($"fault-{id}");
        OutboxPath = _directory.File("outbox.db");
        OutboxAudit.Prepare(OutboxPath);
        WriteConfiguration(FlowingConfig, TimeSpan.FromSeconds(1));
        WriteConfiguration(DrainingConfig, TimeSpan.FromHours(1));
    }

    public string GatewayId { get; }

    public string OutboxPath { get; }

    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    private string FlowingConfig => _directory.File("flowing.json");

    private string DrainingConfig => _directory.File("draining.json");

    /// <summary>Starts the gateway sampling every second; returns when it has published its birth status.</summary>
    public Task StartFlowingAsync(CancellationToken cancellationToken) => StartAsync(FlowingConfig, cancellationToken);

    /// <summary>Starts the gateway with hour-long intervals (one sample per sensor, then only the outbox drains).</summary>
    public Task StartDrainingAsync(CancellationToken cancellationToken) => StartAsync(DrainingConfig, cancellationToken);

    /// <summary>SIGKILL: whatever was not committed to the outbox is gone (and was never produced).</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.KillAsync(cancellationToken);
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>SIGTERM: a clean stop (the outbox writer commits what the samplers queued).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task StartAsync(string config, CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"gateway {GatewayId} is already running.");
        }

        _lives++;
        _process = ChildProcess.Start(
            ProductBuild.DotnetHost,
            [ProductBuild.EdgeDll, "--config", config],
            $"gateway {GatewayId} (life {_lives})",
            _directory.Path,
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            });

        // Ready = connected to the broker and the retained birth status published (event 1203).
        await _process.WaitForLineAsync(l => l.Contains("Published birth status", StringComparison.Ordinal), Patience, cancellationToken);
    }

    private void WriteConfiguration(string path, TimeSpan interval)
    {
        var sensors = new JsonArray();
        for (var i = 0; i < _sensors; i++)
        {
            // Two kinds with different quantities: BME280 weather (temperature, humidity, pressure) and soil probes.
            var sensor = i % 2 == 0
                ? new JsonObject { ["Id"] = $"weather-{i:D2}", ["Kind"] = "bme280", ["Bus"] = "simulated" }
                : new JsonObject { ["Id"] = $"bed-{i:D2}", ["Kind"] = "soil-moisture", ["Bus"] = "simulated", ["Address"] = "0x48", ["Channel"] = i / 2 % 4, ["DryRaw"] = 21000, ["WetRaw"] = 9000 };
            sensor["Interval"] = interval.ToString("c");
            sensor["Timeout"] = "00:00:00.900";
            sensors.Add(sensor);
        }

        var root = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } },
            ["SmartSensors"] = new JsonObject
            {
                ["Gateway"] = new JsonObject { ["Id"] = GatewayId, ["Site"] = Site, ["HealthInterval"] = interval.ToString("c") },
                ["Broker"] = new JsonObject
                {
                    ["Host"] = "127.0.0.1",
                    ["Port"] = _brokerPort,
                    ["Tls"] = new JsonObject { ["Enabled"] = false },
                    ["KeepAliveSeconds"] = 5,
                    ["ReadingsPerPack"] = 25,
                    ["MaxPacksInFlight"] = 8,
                    ["ReconnectMinDelay"] = "00:00:00.200",
                    ["ReconnectMaxDelay"] = "00:00:02",
                },
                ["Outbox"] = new JsonObject { ["Path"] = OutboxPath, ["BatchSize"] = 200 },
                ["Simulation"] = new JsonObject { ["Seed"] = 11, ["SpeedUp"] = 60 },
                ["Sensors"] = sensors,
            },
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
