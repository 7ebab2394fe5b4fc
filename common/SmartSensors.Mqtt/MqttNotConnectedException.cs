namespace SmartSensors.Mqtt;

/// <summary>An operation needed a connection and none was available (fail-fast policy, wait bound elapsed, or the client was disconnected/disposed).</summary>
public sealed class MqttNotConnectedException : MqttException
{
    public MqttNotConnectedException() : base("The MQTT client is not connected.") { }

    public MqttNotConnectedException(string message) : base(message) { }

    public MqttNotConnectedException(string message, Exception innerException) : base(message, innerException) { }
}
