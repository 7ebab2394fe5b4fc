namespace SmartSensors.Mqtt.Packets;

internal sealed class UnsubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    public ushort PacketId { get; set; }

    public MqttProperties Properties { get; set; } = new();

    public List<string> TopicFilters { get; } = [];
}
