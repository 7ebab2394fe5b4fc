namespace SmartSensors.Mqtt.Packets;

internal sealed class ConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    public string ClientId { get; set; } = "";

    public bool CleanStart { get; set; }

    public ushort KeepAlive { get; set; }

    public string? Username { get; set; }

    public byte[]? Password { get; set; }

    public MqttProperties Properties { get; set; } = new();

    public bool HasWill { get; set; }

    public string WillTopic { get; set; } = "";

    public byte[] WillPayload { get; set; } = [];

    public MqttQualityOfService WillQoS { get; set; }

    public bool WillRetain { get; set; }

    public MqttProperties WillProperties { get; set; } = new();
}
