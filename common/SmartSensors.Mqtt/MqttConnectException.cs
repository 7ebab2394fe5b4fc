namespace SmartSensors.Mqtt;

/// <summary>The broker refused the connection (CONNACK reason code ≥ 0x80), or it could not be established in time.</summary>
public sealed class MqttConnectException : MqttException
{
    public MqttConnectException() : this(MqttReasonCode.UnspecifiedError, "MQTT connect failed.") { }

    public MqttConnectException(string message) : this(MqttReasonCode.UnspecifiedError, message) { }

    public MqttConnectException(string message, Exception innerException) : base(message, innerException) =>
        ReasonCode = MqttReasonCode.UnspecifiedError;

    public MqttConnectException(MqttReasonCode reasonCode, string message) : base(message) => ReasonCode = reasonCode;

    public MqttConnectException(MqttReasonCode reasonCode, string message, Exception innerException) : base(message, innerException) =>
        ReasonCode = reasonCode;

    public MqttReasonCode ReasonCode { get; }
}
