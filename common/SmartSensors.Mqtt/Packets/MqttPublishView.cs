using System.Text;

namespace SmartSensors.Mqtt.Packets;

/// <summary>
/// An allocation-free view of a decoded PUBLISH over the packet body. Spans point into the receive buffer and are valid
/// only until the buffer is released. Properties other than the scalar ones are kept as the raw, already validated block;
/// enumerate user properties and subscription identifiers with <see cref="CopyUserProperties"/> / <see cref="CopySubscriptionIdentifiers"/>.
/// </summary>
internal readonly ref struct MqttPublishView
{
    public ReadOnlySpan<byte> TopicUtf8 { get; init; }

    public MqttQualityOfService QoS { get; init; }

    public bool Dup { get; init; }

    public bool Retain { get; init; }

    public ushort PacketId { get; init; }

    public ReadOnlySpan<byte> Payload { get; init; }

    public byte? PayloadFormatIndicator { get; init; }

    public uint? MessageExpiryInterval { get; init; }

    public bool HasContentType { get; init; }

    public ReadOnlySpan<byte> ContentTypeUtf8 { get; init; }

    public bool HasResponseTopic { get; init; }

    public ReadOnlySpan<byte> ResponseTopicUtf8 { get; init; }

    public bool HasCorrelationData { get; init; }

    public ReadOnlySpan<byte> CorrelationData { get; init; }

    /// <summary>0 when absent.</summary>
    public ushort TopicAlias { get; init; }

    public int UserPropertyCount { get; init; }

    public int SubscriptionIdentifierCount { get; init; }

    /// <summary>The raw property block (without its length prefix).</summary>
    public ReadOnlySpan<byte> PropertyBlock { get; init; }

    public string GetTopic() => Encoding.UTF8.GetString(TopicUtf8);

    public MqttUserProperty[] CopyUserProperties()
    {
        if (UserPropertyCount == 0)
        {
            return [];
        }

        var result = new MqttUserProperty[UserPropertyCount];
        var n = 0;
        var r = new MqttSpanReader(PropertyBlock);
        while (!r.End)
        {
            var id = (MqttPropertyId)r.ReadVariableByteInteger();
            if (id == MqttPropertyId.UserProperty)
            {
                result[n++] = new MqttUserProperty(r.ReadString(), r.ReadString());
            }
            else
            {
                SkipValue(ref r, (byte)id);
            }
        }

        return result;
    }

    public int[] CopySubscriptionIdentifiers()
    {
        if (SubscriptionIdentifierCount == 0)
        {
            return [];
        }

        var result = new int[SubscriptionIdentifierCount];
        var n = 0;
        var r = new MqttSpanReader(PropertyBlock);
        while (!r.End)
        {
            var id = (MqttPropertyId)r.ReadVariableByteInteger();
            if (id == MqttPropertyId.SubscriptionIdentifier)
            {
                result[n++] = r.ReadVariableByteInteger();
            }
            else
            {
                SkipValue(ref r, (byte)id);
            }
        }

        return result;
    }

    /// <summary>Object form (allocates; for tests and slow paths).</summary>
    public PublishPacket ToPacket()
    {
        var p = new PublishPacket
        {
            Topic = GetTopic(),
            QoS = QoS,
            Dup = Dup,
            Retain = Retain,
            PacketId = PacketId,
            Payload = Payload.ToArray(),
        };
        var props = p.Properties;
        props.PayloadFormatIndicator = PayloadFormatIndicator;
        props.MessageExpiryInterval = MessageExpiryInterval;
        props.ContentType = HasContentType ? Encoding.UTF8.GetString(ContentTypeUtf8) : null;
        props.ResponseTopic = HasResponseTopic ? Encoding.UTF8.GetString(ResponseTopicUtf8) : null;
        props.CorrelationData = HasCorrelationData ? CorrelationData.ToArray() : null;
        props.TopicAlias = TopicAlias == 0 ? null : TopicAlias;
        props.UserProperties.AddRange(CopyUserProperties());
        props.SubscriptionIdentifiers.AddRange(CopySubscriptionIdentifiers());
        return p;
    }

    internal static void SkipValue(ref MqttSpanReader r, byte id)
    {
        switch (MqttPropertyTable.TypeOf(id))
        {
            case MqttPropertyTable.DataType.Byte: r.ReadByte(); break;
            case MqttPropertyTable.DataType.TwoByteInteger: r.ReadUInt16(); break;
            case MqttPropertyTable.DataType.FourByteInteger: r.ReadUInt32(); break;
            case MqttPropertyTable.DataType.VariableByteInteger: r.ReadVariableByteInteger(); break;
            case MqttPropertyTable.DataType.Utf8String:
            case MqttPropertyTable.DataType.BinaryData: r.ReadBinary(); break;
            case MqttPropertyTable.DataType.Utf8StringPair: r.ReadBinary(); r.ReadBinary(); break;
            default: throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"Unknown property 0x{id:X2}.");
        }
    }
}
