using System.Buffers;
using System.Text;

namespace SmartSensors.Mqtt.Packets;

/// <summary>
/// Pure MQTT 5.0 / 3.1.1 encoder: measures a packet, takes one span of exactly that size from the <see cref="IBufferWriter{T}"/>
/// and writes it. PUBLISH encoding allocates nothing.
/// </summary>
internal static class MqttPacketEncoder
{
    /// <summary>Encodes a PUBLISH from an application message (the send hot path). Returns the packet size.
    /// Throws <see cref="MqttProtocolException"/> (0x95) when the packet exceeds <paramref name="maximumPacketSize"/>; nothing is written then.</summary>
    public static int EncodePublish(IBufferWriter<byte> output, MqttApplicationMessage message, ushort packetId, bool dup, MqttProtocolVersion version, ushort topicAlias = 0, bool omitTopic = false, long maximumPacketSize = MqttPacketDecoder.MaxRemainingLength + 5)
    {
        var topicLength = omitTopic ? 0 : Encoding.UTF8.GetByteCount(message.Topic);
        if (topicLength > ushort.MaxValue)
        {
            throw new ArgumentException("Topic is longer than 65535 UTF-8 bytes.", nameof(message));
        }

        var qos = message.QualityOfService;
        var propsLength = version == MqttProtocolVersion.V500 ? MeasurePublishProperties(message, topicAlias) : 0;
        var remaining = 2 + topicLength + (qos == MqttQualityOfService.AtMostOnce ? 0 : 2) + message.Payload.Length;
        if (version == MqttProtocolVersion.V500)
        {
            remaining += MqttSpanWriter.SizeOfVariableByteInteger(propsLength) + propsLength;
        }

        var total = CheckSize(remaining, maximumPacketSize);
        var span = output.GetSpan(total)[..total];
        var w = new MqttSpanWriter(span);
        w.WriteByte((byte)(((int)MqttPacketType.Publish << 4) | (dup ? 0x08 : 0) | ((int)qos << 1) | (message.Retain ? 1 : 0)));
        w.WriteVariableByteInteger(remaining);
        w.WriteUInt16((ushort)topicLength);
        if (!omitTopic)
        {
            w.WriteUtf8(message.Topic);
        }

        if (qos != MqttQualityOfService.AtMostOnce)
        {
            w.WriteUInt16(packetId);
        }

        if (version == MqttProtocolVersion.V500)
        {
            w.WriteVariableByteInteger(propsLength);
            WritePublishProperties(ref w, message, topicAlias);
        }

        w.WriteBytes(message.Payload.Span);
        output.Advance(total);
        return total;
    }

    /// <summary>Total size of the PUBLISH <see cref="EncodePublish"/> would write (without a topic alias).</summary>
    public static long MeasurePublish(MqttApplicationMessage message, MqttProtocolVersion version)
    {
        var qos = message.QualityOfService;
        long remaining = 2 + Encoding.UTF8.GetByteCount(message.Topic) + (qos == MqttQualityOfService.AtMostOnce ? 0 : 2) + message.Payload.Length;
        if (version == MqttProtocolVersion.V500)
        {
            var props = MeasurePublishProperties(message, 0);
            remaining += MqttSpanWriter.SizeOfVariableByteInteger(props) + props;
        }

        return 1 + MqttSpanWriter.SizeOfVariableByteInteger((int)Math.Min(remaining, MqttPacketDecoder.MaxRemainingLength)) + remaining;
    }

    /// <summary>Encodes any packet (object form) for <paramref name="version"/>. Returns the packet size.</summary>
    public static int Encode(IBufferWriter<byte> output, MqttPacket packet, MqttProtocolVersion version, long maximumPacketSize = MqttPacketDecoder.MaxRemainingLength + 5)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(packet);
        return packet switch
        {
            PublishPacket p => EncodePublishPacket(output, p, version, maximumPacketSize),
            ConnectPacket p => EncodeConnect(output, p, maximumPacketSize),
            ConnAckPacket p => EncodeConnAck(output, p, version, maximumPacketSize),
            PubAckPacket p => EncodePubAck(output, p.Type, p.PacketId, p.ReasonCode, p.Properties, version, maximumPacketSize),
            SubscribePacket p => EncodeSubscribe(output, p, version, maximumPacketSize),
            SubAckPacket p => EncodeSubAck(output, p, version, maximumPacketSize),
            UnsubscribePacket p => EncodeUnsubscribe(output, p, version, maximumPacketSize),
            UnsubAckPacket p => EncodeUnsubAck(output, p, version, maximumPacketSize),
            PingReqPacket or PingRespPacket => EncodeEmpty(output, packet.Type),
            DisconnectPacket p => EncodeReasonOnly(output, MqttPacketType.Disconnect, p.ReasonCode, p.Properties, version, maximumPacketSize),
            AuthPacket p => EncodeReasonOnly(output, MqttPacketType.Auth, p.ReasonCode, p.Properties, version, maximumPacketSize),
            _ => throw new ArgumentException($"Unknown packet {packet.GetType().Name}.", nameof(packet)),
        };
    }

    /// <summary>PUBACK/PUBREC/PUBREL/PUBCOMP; uses the short forms (no reason code / no properties) when possible. Allocation-free.</summary>
    public static int EncodePubAck(IBufferWriter<byte> output, MqttPacketType type, ushort packetId, MqttReasonCode reasonCode, MqttProperties? properties, MqttProtocolVersion version, long maximumPacketSize = MqttPacketDecoder.MaxRemainingLength + 5)
    {
        var remaining = 2;
        var propsLength = 0;
        var hasProps = false;
        if (version == MqttProtocolVersion.V500)
        {
            propsLength = MqttPropertyCodec.Measure(properties);
            hasProps = propsLength > 0;
            if (hasProps)
            {
                remaining += 1 + MqttSpanWriter.SizeOfVariableByteInteger(propsLength) + propsLength;
            }
            else if (reasonCode != MqttReasonCode.Success)
            {
                remaining += 1;
            }
        }

        var total = CheckSize(remaining, maximumPacketSize);
        var w = Begin(output, total, type, remaining, out _);
        w.WriteUInt16(packetId);
        if (remaining > 2)
        {
            w.WriteByte((byte)reasonCode);
            if (hasProps)
            {
                MqttPropertyCodec.Write(ref w, properties, propsLength);
            }
        }

        output.Advance(total);
        return total;
    }

    private static int EncodePublishPacket(IBufferWriter<byte> output, PublishPacket p, MqttProtocolVersion version, long max)
    {
        var props = p.Properties;
        var message = new MqttApplicationMessage
        {
            Topic = p.Topic,
            Payload = p.Payload,
            QualityOfService = p.QoS,
            Retain = p.Retain,
            PayloadIsUtf8 = props.PayloadFormatIndicator == 1,
            MessageExpiryInterval = props.MessageExpiryInterval,
            ContentType = props.ContentType,
            ResponseTopic = props.ResponseTopic,
            CorrelationData = props.CorrelationData,
            UserProperties = props.UserProperties,
        };
        if (props.SubscriptionIdentifiers.Count > 0 || props.PayloadFormatIndicator == 0)
        {
            // Broker-side fields (subscription identifiers, explicit PFI 0) go through the generic property writer.
            return EncodeGeneric(output, MqttPacketType.Publish, (byte)((p.Dup ? 0x08 : 0) | ((int)p.QoS << 1) | (p.Retain ? 1 : 0)), version, max, (ref MqttSpanWriter w, bool measureOnly, ref int size) =>
            {
                if (measureOnly)
                {
                    size += MqttSpanWriter.SizeOfString(p.Topic, "Topic") + (p.QoS == MqttQualityOfService.AtMostOnce ? 0 : 2) + p.Payload.Length;
                    if (version == MqttProtocolVersion.V500)
                    {
                        size += MqttPropertyCodec.MeasureBlock(props, out _);
                    }

                    return;
                }

                w.WriteString(p.Topic);
                if (p.QoS != MqttQualityOfService.AtMostOnce)
                {
                    w.WriteUInt16(p.PacketId);
                }

                if (version == MqttProtocolVersion.V500)
                {
                    MqttPropertyCodec.Write(ref w, props, MqttPropertyCodec.Measure(props));
                }

                w.WriteBytes(p.Payload);
            });
        }

        return EncodePublish(output, message, p.PacketId, p.Dup, version, props.TopicAlias ?? 0, p.Topic.Length == 0, max);
    }

    private delegate void BodyWriter(ref MqttSpanWriter writer, bool measureOnly, ref int size);

    /// <summary>Measure-then-write helper for the packets off the hot path.</summary>
    private static int EncodeGeneric(IBufferWriter<byte> output, MqttPacketType type, byte flags, MqttProtocolVersion version, long max, BodyWriter body)
    {
        _ = version;
        var remaining = 0;
        var dummy = default(MqttSpanWriter);
        body(ref dummy, true, ref remaining);
        var total = CheckSize(remaining, max);
        var span = output.GetSpan(total)[..total];
        var w = new MqttSpanWriter(span);
        w.WriteByte((byte)(((int)type << 4) | flags));
        w.WriteVariableByteInteger(remaining);
        body(ref w, false, ref remaining);
        if (w.Position != total)
        {
            throw new InvalidOperationException($"Encoder size mismatch for {type}: measured {total}, wrote {w.Position}.");
        }

        output.Advance(total);
        return total;
    }

    private static int EncodeConnect(IBufferWriter<byte> output, ConnectPacket p, long max)
    {
        var v5 = p.ProtocolVersion == MqttProtocolVersion.V500;
        return EncodeGeneric(output, MqttPacketType.Connect, 0, p.ProtocolVersion, max, (ref MqttSpanWriter w, bool measure, ref int size) =>
        {
            if (measure)
            {
                size = 2 + 4 + 1 + 1 + 2;
                size += v5 ? MqttPropertyCodec.MeasureBlock(p.Properties, out _) : 0;
                size += MqttSpanWriter.SizeOfString(p.ClientId, "ClientId");
                if (p.HasWill)
                {
                    size += v5 ? MqttPropertyCodec.MeasureBlock(p.WillProperties, out _) : 0;
                    size += MqttSpanWriter.SizeOfString(p.WillTopic, "Will topic") + MqttSpanWriter.SizeOfBinary(p.WillPayload.Length, "Will payload");
                }

                size += p.Username is null ? 0 : MqttSpanWriter.SizeOfString(p.Username, "Username");
                size += p.Password is null ? 0 : MqttSpanWriter.SizeOfBinary(p.Password.Length, "Password");
                return;
            }

            w.WriteBinary("MQTT"u8);
            w.WriteByte((byte)p.ProtocolVersion);
            var flags = (p.CleanStart ? 0x02 : 0)
                | (p.HasWill ? 0x04 | ((int)p.WillQoS << 3) | (p.WillRetain ? 0x20 : 0) : 0)
                | (p.Password is null ? 0 : 0x40)
                | (p.Username is null ? 0 : 0x80);
            w.WriteByte((byte)flags);
            w.WriteUInt16(p.KeepAlive);
            if (v5)
            {
                MqttPropertyCodec.Write(ref w, p.Properties, MqttPropertyCodec.Measure(p.Properties));
            }

            w.WriteString(p.ClientId);
            if (p.HasWill)
            {
                if (v5)
                {
                    MqttPropertyCodec.Write(ref w, p.WillProperties, MqttPropertyCodec.Measure(p.WillProperties));
                }

                w.WriteString(p.WillTopic);
                w.WriteBinary(p.WillPayload);
            }

            if (p.Username is not null)
            {
                w.WriteString(p.Username);
            }

            if (p.Password is not null)
            {
                w.WriteBinary(p.Password);
            }
        });
    }

    private static int EncodeConnAck(IBufferWriter<byte> output, ConnAckPacket p, MqttProtocolVersion version, long max)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return EncodeGeneric(output, MqttPacketType.ConnAck, 0, version, max, (ref MqttSpanWriter w, bool measure, ref int size) =>
        {
            if (measure)
            {
                size = 2 + (v5 ? MqttPropertyCodec.MeasureBlock(p.Properties, out _) : 0);
                return;
            }

            w.WriteByte((byte)(p.SessionPresent ? 1 : 0));
            if (v5)
            {
                w.WriteByte((byte)p.ReasonCode);
                MqttPropertyCodec.Write(ref w, p.Properties, MqttPropertyCodec.Measure(p.Properties));
            }
            else
            {
                w.WriteByte(p.ReasonCode switch
                {
                    MqttReasonCode.Success => 0,
                    MqttReasonCode.UnsupportedProtocolVersion => 1,
                    MqttReasonCode.ClientIdentifierNotValid => 2,
                    MqttReasonCode.ServerUnavailable => 3,
                    MqttReasonCode.BadUserNameOrPassword => 4,
                    MqttReasonCode.NotAuthorized => 5,
                    _ => 3,
                });
            }
        });
    }

    private static int EncodeSubscribe(IBufferWriter<byte> output, SubscribePacket p, MqttProtocolVersion version, long max)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return EncodeGeneric(output, MqttPacketType.Subscribe, 0x02, version, max, (ref MqttSpanWriter w, bool measure, ref int size) =>
        {
            if (measure)
            {
                size = 2 + (v5 ? MqttPropertyCodec.MeasureBlock(p.Properties, out _) : 0);
                foreach (var e in p.Entries)
                {
                    size += MqttSpanWriter.SizeOfString(e.TopicFilter, "Topic filter") + 1;
                }

                return;
            }

            w.WriteUInt16(p.PacketId);
            if (v5)
            {
                MqttPropertyCodec.Write(ref w, p.Properties, MqttPropertyCodec.Measure(p.Properties));
            }

            foreach (var e in p.Entries)
            {
                w.WriteString(e.TopicFilter);
                var options = (int)e.MaximumQoS;
                if (v5)
                {
                    options |= (e.NoLocal ? 0x04 : 0) | (e.RetainAsPublished ? 0x08 : 0) | ((int)e.RetainHandling << 4);
                }

                w.WriteByte((byte)options);
            }
        });
    }

    private static int EncodeSubAck(IBufferWriter<byte> output, SubAckPacket p, MqttProtocolVersion version, long max)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return EncodeGeneric(output, MqttPacketType.SubAck, 0, version, max, (ref MqttSpanWriter w, bool measure, ref int size) =>
        {
            if (measure)
            {
                size = 2 + (v5 ? MqttPropertyCodec.MeasureBlock(p.Properties, out _) : 0) + p.ReasonCodes.Count;
                return;
            }

            w.WriteUInt16(p.PacketId);
            if (v5)
            {
                MqttPropertyCodec.Write(ref w, p.Properties, MqttPropertyCodec.Measure(p.Properties));
            }

            foreach (var c in p.ReasonCodes)
            {
                w.WriteByte((byte)c);
            }
        });
    }

    private static int EncodeUnsubscribe(IBufferWriter<byte> output, UnsubscribePacket p, MqttProtocolVersion version, long max)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return EncodeGeneric(output, MqttPacketType.Unsubscribe, 0x02, version, max, (ref MqttSpanWriter w, bool measure, ref int size) =>
        {
            if (measure)
            {
                size = 2 + (v5 ? MqttPropertyCodec.MeasureBlock(p.Properties, out _) : 0);
                foreach (var f in p.TopicFilters)
                {
                    size += MqttSpanWriter.SizeOfString(f, "Topic filter");
                }

                return;
            }

            w.WriteUInt16(p.PacketId);
            if (v5)
            {
                MqttPropertyCodec.Write(ref w, p.Properties, MqttPropertyCodec.Measure(p.Properties));
            }

            foreach (var f in p.TopicFilters)
            {
                w.WriteString(f);
            }
        });
    }

    private static int EncodeUnsubAck(IBufferWriter<byte> output, UnsubAckPacket p, MqttProtocolVersion version, long max)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return EncodeGeneric(output, MqttPacketType.UnsubAck, 0, version, max, (ref MqttSpanWriter w, bool measure, ref int size) =>
        {
            if (measure)
            {
                size = 2 + (v5 ? MqttPropertyCodec.MeasureBlock(p.Properties, out _) + p.ReasonCodes.Count : 0);
                return;
            }

            w.WriteUInt16(p.PacketId);
            if (v5)
            {
                MqttPropertyCodec.Write(ref w, p.Properties, MqttPropertyCodec.Measure(p.Properties));
                foreach (var c in p.ReasonCodes)
                {
                    w.WriteByte((byte)c);
                }
            }
        });
    }

    /// <summary>DISCONNECT / AUTH: empty body for a plain success without properties, else reason code (+ properties).</summary>
    public static int EncodeReasonOnly(IBufferWriter<byte> output, MqttPacketType type, MqttReasonCode reasonCode, MqttProperties? properties, MqttProtocolVersion version, long max = MqttPacketDecoder.MaxRemainingLength + 5)
    {
        if (version != MqttProtocolVersion.V500)
        {
            if (type == MqttPacketType.Auth)
            {
                throw new ArgumentException("AUTH does not exist in MQTT 3.1.1.", nameof(type));
            }

            return EncodeEmpty(output, type);
        }

        var propsLength = MqttPropertyCodec.Measure(properties);
        var remaining = propsLength > 0 ? 1 + MqttSpanWriter.SizeOfVariableByteInteger(propsLength) + propsLength : reasonCode == MqttReasonCode.Success ? 0 : 1;
        var total = CheckSize(remaining, max);
        var w = Begin(output, total, type, remaining, out _);
        if (remaining > 0)
        {
            w.WriteByte((byte)reasonCode);
            if (propsLength > 0)
            {
                MqttPropertyCodec.Write(ref w, properties, propsLength);
            }
        }

        output.Advance(total);
        return total;
    }

    public static int EncodeEmpty(IBufferWriter<byte> output, MqttPacketType type)
    {
        var span = output.GetSpan(2);
        span[0] = (byte)((int)type << 4);
        span[1] = 0;
        output.Advance(2);
        return 2;
    }

    private static MqttSpanWriter Begin(IBufferWriter<byte> output, int total, MqttPacketType type, int remaining, out Span<byte> span)
    {
        span = output.GetSpan(total)[..total];
        var w = new MqttSpanWriter(span);
        w.WriteByte((byte)(((int)type << 4) | (type == MqttPacketType.PubRel ? 0x02 : 0)));
        w.WriteVariableByteInteger(remaining);
        return w;
    }

    private static int CheckSize(int remaining, long maximumPacketSize)
    {
        if (remaining > MqttPacketDecoder.MaxRemainingLength)
        {
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"Packet body of {remaining} bytes exceeds the MQTT limit of {MqttPacketDecoder.MaxRemainingLength}.");
        }

        var total = 1 + MqttSpanWriter.SizeOfVariableByteInteger(remaining) + remaining;
        if (total > maximumPacketSize)
        {
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"Packet of {total} bytes exceeds the maximum packet size {maximumPacketSize}.");
        }

        return total;
    }

    private static int MeasurePublishProperties(MqttApplicationMessage m, ushort topicAlias)
    {
        var size = 0;
        size += m.PayloadIsUtf8 ? 2 : 0;
        size += m.MessageExpiryInterval is null ? 0 : 5;
        size += m.ContentType is null ? 0 : 1 + MqttSpanWriter.SizeOfString(m.ContentType, "ContentType");
        size += m.ResponseTopic is null ? 0 : 1 + MqttSpanWriter.SizeOfString(m.ResponseTopic, "ResponseTopic");
        size += m.CorrelationData.IsEmpty ? 0 : 1 + MqttSpanWriter.SizeOfBinary(m.CorrelationData.Length, "CorrelationData");
        size += topicAlias == 0 ? 0 : 3;
        var ups = m.UserProperties;
        for (var i = 0; i < ups.Count; i++)
        {
            size += 1 + MqttSpanWriter.SizeOfString(ups[i].Name, "UserProperty name") + MqttSpanWriter.SizeOfString(ups[i].Value, "UserProperty value");
        }

        return size;
    }

    private static void WritePublishProperties(ref MqttSpanWriter w, MqttApplicationMessage m, ushort topicAlias)
    {
        if (m.PayloadIsUtf8)
        {
            w.WriteByte((byte)MqttPropertyId.PayloadFormatIndicator);
            w.WriteByte(1);
        }

        if (m.MessageExpiryInterval is { } expiry)
        {
            w.WriteByte((byte)MqttPropertyId.MessageExpiryInterval);
            w.WriteUInt32(expiry);
        }

        if (m.ContentType is not null)
        {
            w.WriteByte((byte)MqttPropertyId.ContentType);
            w.WriteString(m.ContentType);
        }

        if (m.ResponseTopic is not null)
        {
            w.WriteByte((byte)MqttPropertyId.ResponseTopic);
            w.WriteString(m.ResponseTopic);
        }

        if (!m.CorrelationData.IsEmpty)
        {
            w.WriteByte((byte)MqttPropertyId.CorrelationData);
            w.WriteBinary(m.CorrelationData.Span);
        }

        if (topicAlias != 0)
        {
            w.WriteByte((byte)MqttPropertyId.TopicAlias);
            w.WriteUInt16(topicAlias);
        }

        var ups = m.UserProperties;
        for (var i = 0; i < ups.Count; i++)
        {
            w.WriteByte((byte)MqttPropertyId.UserProperty);
            w.WriteString(ups[i].Name);
            w.WriteString(ups[i].Value);
        }
    }
}
