namespace SmartSensors.Mqtt.Packets;

internal sealed class ConnAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    public bool SessionPresent { get; set; }

    /// <summary>v5 reason code; 3.1.1 return codes are mapped to v5 codes on decode and back on encode.</summary>
    public MqttReasonCode ReasonCode { get; set; }

    public MqttProperties Properties { get; set; } = new();
}
