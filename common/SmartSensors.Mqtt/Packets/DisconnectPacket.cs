namespace SmartSensors.Mqtt.Packets;

internal sealed class DisconnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; set; }

    public MqttProperties Properties { get; set; } = new();
}
