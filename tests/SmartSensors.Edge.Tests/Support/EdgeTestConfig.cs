using System.Text.Json.Nodes;

namespace SmartSensors.Edge.Tests.Support;

/// <summary>Writes a gateway configuration file for a child gateway: simulated BME280s sampled every second.</summary>
internal static class EdgeTestConfig
{
    public static string Write(
        string path,
        string outboxPath,
        int brokerPort,
        int sensors,
        long maxOutboxBytes = 256L * 1024 * 1024,
        int readingsPerPack = 20,
        int maxPacksInFlight = 8,
        string gatewayId = "test-gw",
        string site = "test-site",
        Action<JsonObject>? broker = null)
    {
        var list = new JsonArray();
        for (var i = 0; i < sensors; i++)
        {
            list.Add(new JsonObject
            {
                ["Id"] = $"s{i:D2}",
                ["Kind"] = "bme280",
                ["Bus"] = "simulated",
                ["Interval"] = "00:00:01",
                ["Timeout"] = "00:00:00.900",
            });
        }

        var root = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } },
            ["SmartSensors"] = new JsonObject
            {
                ["Gateway"] = new JsonObject { ["Id"] = gatewayId, ["Site"] = site, ["HealthInterval"] = "00:00:01" },
                ["Broker"] = new JsonObject
                {
                    ["Host"] = "127.0.0.1",
                    ["Port"] = brokerPort,
                    ["Tls"] = new JsonObject { ["Enabled"] = false },
                    ["ReadingsPerPack"] = readingsPerPack,
                    ["MaxPacksInFlight"] = maxPacksInFlight,
                    ["ReconnectMinDelay"] = "00:00:00.200",
                    ["ReconnectMaxDelay"] = "00:00:01",
                },
                ["Outbox"] = new JsonObject { ["Path"] = outboxPath, ["MaxBytes"] = maxOutboxBytes, ["BatchSize"] = 200 },
                ["Simulation"] = new JsonObject { ["Seed"] = 7, ["SpeedUp"] = 60 },
                ["Sensors"] = list,
            },
        };
        broker?.Invoke(root["SmartSensors"]!["Broker"]!.AsObject());
        File.WriteAllText(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
