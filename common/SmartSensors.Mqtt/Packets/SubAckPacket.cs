namespace SmartSensors.Mqtt.Packets;

internal sealed class SubAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.SubAck;

    public ushort PacketId { get; set; }

    public MqttProperties Properties { get; set; } = new();

    public List<MqttReasonCode> ReasonCodes { get; } = [];
}
