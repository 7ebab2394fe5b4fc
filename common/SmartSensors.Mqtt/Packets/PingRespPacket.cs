namespace SmartSensors.Mqtt.Packets;

internal sealed class PingRespPacket : MqttPacket
{
    public static PingRespPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.PingResp;
}
