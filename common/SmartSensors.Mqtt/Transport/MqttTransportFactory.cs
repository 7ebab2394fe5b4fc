namespace SmartSensors.Mqtt.Transport;

/// <summary>TCP (optionally TLS) transport.</summary>
internal sealed class MqttTransportFactory : IMqttTransportFactory
{
    public static MqttTransportFactory Default { get; } = new();

    public Task<Stream> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Transport not written yet.");
}
