namespace SmartSensors.Mqtt.Packets;

internal sealed class UnsubAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    public ushort PacketId { get; set; }

    public MqttProperties Properties { get; set; } = new();

    /// <summary>v5 only (3.1.1 UNSUBACK carries none).</summary>
    public List<MqttReasonCode> ReasonCodes { get; } = [];
}
