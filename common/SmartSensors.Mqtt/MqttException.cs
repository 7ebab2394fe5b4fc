namespace SmartSensors.Mqtt;

/// <summary>Base of every error raised by the MQTT client.</summary>
public class MqttException : Exception
{
    public MqttException() { }

    public MqttException(string message) : base(message) { }

    public MqttException(string message, Exception innerException) : base(message, innerException) { }
}
