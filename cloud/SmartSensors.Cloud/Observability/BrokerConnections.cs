using System.Collections.Concurrent;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Observability;

/// <summary>The MQTT connections this process keeps (ingest, registry…), for the readiness check.</summary>
internal sealed class BrokerConnections
{
    private readonly ConcurrentDictionary<string, IMqttClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Starts reporting <paramref name="client"/> under <paramref name="name"/>.</summary>
    public void Track(string name, IMqttClient client) => _clients[name] = client;

    /// <summary>Stops reporting the connection called <paramref name="name"/>.</summary>
    public void Untrack(string name) => _clients.TryRemove(name, out _);

    /// <summary>Each tracked connection and its state.</summary>
    public IReadOnlyList<(string Name, MqttConnectionState State)> States() =>
        [.. _clients.Select(c => (c.Key, c.Value.State)).OrderBy(c => c.Key, StringComparer.Ordinal)];
}
