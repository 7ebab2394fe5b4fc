namespace SmartSensors.Mqtt.Packets;

/// <summary>The v5 property table: data type and the packets each property may appear in (MQTT 5.0 table 2-4).</summary>
internal static class MqttPropertyTable
{
    internal enum DataType : byte
    {
        Unknown = 0,
        Byte,
        TwoByteInteger,
        FourByteInteger,
        VariableByteInteger,
        Utf8String,
        BinaryData,
        Utf8StringPair,
    }

    private const MqttPropertyContext AllAcks = MqttPropertyContext.PubAck | MqttPropertyContext.PubRec | MqttPropertyContext.PubRel | MqttPropertyContext.PubComp;
    private const MqttPropertyContext Message = MqttPropertyContext.Publish | MqttPropertyContext.Will;

    public static DataType TypeOf(byte id) => id switch
    {
        0x01 or 0x17 or 0x19 or 0x24 or 0x25 or 0x28 or 0x29 or 0x2A => DataType.Byte,
        0x13 or 0x21 or 0x22 or 0x23 => DataType.TwoByteInteger,
        0x02 or 0x11 or 0x18 or 0x27 => DataType.FourByteInteger,
        0x0B => DataType.VariableByteInteger,
        0x03 or 0x08 or 0x12 or 0x15 or 0x1A or 0x1C or 0x1F => DataType.Utf8String,
        0x09 or 0x16 => DataType.BinaryData,
        0x26 => DataType.Utf8StringPair,
        _ => DataType.Unknown,
    };

    public static MqttPropertyContext AllowedIn(byte id) => id switch
    {
        0x01 or 0x02 or 0x03 or 0x08 or 0x09 => Message,
        0x0B => MqttPropertyContext.Publish | MqttPropertyContext.Subscribe,
        0x11 => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck | MqttPropertyContext.Disconnect,
        0x12 or 0x13 or 0x1A or 0x24 or 0x25 or 0x28 or 0x29 or 0x2A => MqttPropertyContext.ConnAck,
        0x15 or 0x16 => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck | MqttPropertyContext.Auth,
        0x17 or 0x19 => MqttPropertyContext.Connect,
        0x18 => MqttPropertyContext.Will,
        0x1C => MqttPropertyContext.ConnAck | MqttPropertyContext.Disconnect,
        0x1F => MqttPropertyContext.ConnAck | AllAcks | MqttPropertyContext.SubAck | MqttPropertyContext.UnsubAck | MqttPropertyContext.Disconnect | MqttPropertyContext.Auth,
        0x21 or 0x22 or 0x27 => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck,
        0x23 => MqttPropertyContext.Publish,
        0x26 => (MqttPropertyContext)0x3FFF,
        _ => MqttPropertyContext.None,
    };

    /// <summary>Properties that may appear more than once (User Property anywhere; Subscription Identifier in PUBLISH).</summary>
    public static bool MayRepeat(byte id, MqttPropertyContext context) =>
        id == 0x26 || (id == 0x0B && context == MqttPropertyContext.Publish);

    public static MqttPropertyContext ContextOf(MqttPacketType type) => type switch
    {
        MqttPacketType.Connect => MqttPropertyContext.Connect,
        MqttPacketType.ConnAck => MqttPropertyContext.ConnAck,
        MqttPacketType.Publish => MqttPropertyContext.Publish,
        MqttPacketType.PubAck => MqttPropertyContext.PubAck,
        MqttPacketType.PubRec => MqttPropertyContext.PubRec,
        MqttPacketType.PubRel => MqttPropertyContext.PubRel,
        MqttPacketType.PubComp => MqttPropertyContext.PubComp,
        MqttPacketType.Subscribe => MqttPropertyContext.Subscribe,
        MqttPacketType.SubAck => MqttPropertyContext.SubAck,
        MqttPacketType.Unsubscribe => MqttPropertyContext.Unsubscribe,
        MqttPacketType.UnsubAck => MqttPropertyContext.UnsubAck,
        MqttPacketType.Disconnect => MqttPropertyContext.Disconnect,
        MqttPacketType.Auth => MqttPropertyContext.Auth,
        _ => MqttPropertyContext.None,
    };
}
