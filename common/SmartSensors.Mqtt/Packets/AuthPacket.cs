namespace SmartSensors.Mqtt.Packets;

/// <summary>v5 AUTH (enhanced authentication exchange).</summary>
internal sealed class AuthPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Auth;

    public MqttReasonCode ReasonCode { get; set; }

    public MqttProperties Properties { get; set; } = new();
}
