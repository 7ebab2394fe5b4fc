using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Observability;

/// <summary>Ready when every MQTT connection this process keeps is connected to the broker.</summary>
internal sealed class BrokerHealthCheck : IHealthCheck
{
    private readonly BrokerConnections _connections;

    public BrokerHealthCheck(BrokerConnections connections) => _connections = connections;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = _connections.States();
        if (states.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no MQTT connection has been started yet"));
        }

        var down = states.Where(s => s.State != MqttConnectionState.Connected).ToList();
        var data = states.ToDictionary(s => s.Name, s => (object)s.State.ToString());
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy("connected to the MQTT broker", data)
            : HealthCheckResult.Unhealthy($"not connected to the MQTT broker: {string.Join(", ", down.Select(d => $"{d.Name} {d.State}"))}", data: data));
    }
}
