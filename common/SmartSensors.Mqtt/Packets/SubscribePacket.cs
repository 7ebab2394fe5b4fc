namespace SmartSensors.Mqtt.Packets;

internal sealed class SubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    public ushort PacketId { get; set; }

    public MqttProperties Properties { get; set; } = new();

    public List<SubscribeEntry> Entries { get; } = [];
}
