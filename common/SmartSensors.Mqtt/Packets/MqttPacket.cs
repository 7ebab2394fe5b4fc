namespace SmartSensors.Mqtt.Packets;

/// <summary>A decoded control packet (object form; the PUBLISH hot path uses <see cref="MqttPublishView"/> instead).</summary>
internal abstract class MqttPacket
{
    public abstract MqttPacketType Type { get; }
}
