namespace SmartSensors.Mqtt.Packets;

/// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP (same layout: packet id, reason code, properties).</summary>
internal sealed class PubAckPacket : MqttPacket
{
    public PubAckPacket(MqttPacketType type)
    {
        if (type is not (MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp))
        {
            throw new ArgumentOutOfRangeException(nameof(type));
        }

        Type = type;
    }

    public override MqttPacketType Type { get; }

    public ushort PacketId { get; set; }

    public MqttReasonCode ReasonCode { get; set; }

    public MqttProperties Properties { get; set; } = new();
}
