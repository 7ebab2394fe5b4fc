namespace SmartSensors.Mqtt;

/// <summary>A packet broke the MQTT protocol (malformed, oversized, not allowed here). <see cref="ReasonCode"/> is the v5 reason code
/// the client sends in its DISCONNECT (0x81 Malformed Packet, 0x82 Protocol Error, 0x95 Packet Too Large, ...).</summary>
public sealed class MqttProtocolException : MqttException
{
    public MqttProtocolException() : this(MqttReasonCode.ProtocolError, "MQTT protocol error.") { }

    public MqttProtocolException(string message) : this(MqttReasonCode.ProtocolError, message) { }

    public MqttProtocolException(string message, Exception innerException) : base(message, innerException) =>
        ReasonCode = MqttReasonCode.ProtocolError;

    public MqttProtocolException(MqttReasonCode reasonCode, string message) : base(message) => ReasonCode = reasonCode;

    public MqttReasonCode ReasonCode { get; }
}
