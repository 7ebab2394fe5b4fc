namespace SmartSensors.Mqtt.Packets;

/// <summary>Object form of PUBLISH (tests and slow paths; the client's hot path uses <see cref="MqttPublishView"/>).</summary>
internal sealed class PublishPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    public string Topic { get; set; } = "";

    public MqttQualityOfService QoS { get; set; }

    public bool Dup { get; set; }

    public bool Retain { get; set; }

    public ushort PacketId { get; set; }

    public byte[] Payload { get; set; } = [];

    public MqttProperties Properties { get; set; } = new();
}
