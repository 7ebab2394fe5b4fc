namespace SmartSensors.Mqtt.Transport;

/// <summary>Opens the byte stream (TCP, or TLS over TCP) that MQTT packets travel on.</summary>
internal interface IMqttTransportFactory
{
    Task<Stream> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken);
}
