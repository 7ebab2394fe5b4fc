namespace SmartSensors.Mqtt.Packets;

internal sealed class PingReqPacket : MqttPacket
{
    public static PingReqPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.PingReq;
}
