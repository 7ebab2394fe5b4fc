using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SmartSensors.Mqtt.Packets;

/// <summary>
/// Pure, defensive MQTT 5.0 / 3.1.1 decoder. Framing works over a <see cref="ReadOnlySequence{T}"/> (as delivered by a pipe);
/// a body is decoded from one contiguous span. Every violation throws <see cref="MqttProtocolException"/> with the v5 reason
/// code the receiver sends in DISCONNECT: 0x81 Malformed Packet, 0x82 Protocol Error, 0x95 Packet Too Large, 0x90 Topic Name Invalid,
/// 0x99 Payload Format Invalid.
/// </summary>
internal static class MqttPacketDecoder
{
    /// <summary>The largest Remaining Length the protocol can express.</summary>
    public const int MaxRemainingLength = 268_435_455;

    /// <summary>
    /// Reads the fixed header. Returns false when more bytes are needed for the header itself. Throws for a malformed
    /// Remaining Length or when the whole packet would exceed <paramref name="maximumPacketSize"/> (so an oversized packet is
    /// refused before its body is buffered).
    /// </summary>
    public static bool TryReadFixedHeader(in ReadOnlySequence<byte> buffer, int maximumPacketSize, out byte firstByte, out int headerLength, out int remainingLength)
    {
        firstByte = 0;
        headerLength = 0;
        remainingLength = 0;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out firstByte))
        {
            return false;
        }

        var multiplier = 1;
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            value += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0)
            {
                if (i > 0 && b == 0)
                {
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Remaining Length is not minimally encoded.");
                }

                headerLength = 2 + i;
                remainingLength = value;
                if ((long)headerLength + remainingLength > maximumPacketSize)
                {
                    throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"Packet of {(long)headerLength + remainingLength} bytes exceeds the maximum packet size {maximumPacketSize}.");
                }

                return true;
            }

            multiplier <<= 7;
        }

        throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Remaining Length is longer than 4 bytes.");
    }

    /// <summary>Checks the packet type and the fixed-header flags (MQTT 5.0 section 2.1.3).</summary>
    public static MqttPacketType ValidateFirstByte(byte firstByte, MqttProtocolVersion version)
    {
        var type = (MqttPacketType)(firstByte >> 4);
        var flags = firstByte & 0x0F;
        switch (type)
        {
            case 0:
                throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Packet type 0 is reserved.");
            case MqttPacketType.Auth when version != MqttProtocolVersion.V500:
                throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "AUTH does not exist in MQTT 3.1.1.");
            case MqttPacketType.Publish:
                var qos = (flags >> 1) & 0x03;
                if (qos == 3)
                {
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "PUBLISH with QoS 3.");
                }

                if (qos == 0 && (flags & 0x08) != 0)
                {
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "PUBLISH with QoS 0 must not have DUP set.");
                }

                break;
            case MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe:
                if (flags != 0x02)
                {
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"{type} fixed-header flags must be 0010.");
                }

                break;
            default:
                if (flags != 0)
                {
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"{type} fixed-header flags must be 0000.");
                }

                break;
        }

        return type;
    }

    /// <summary>Decodes exactly one complete packet held in <paramref name="packet"/> (tests, slow paths).</summary>
    public static MqttPacket DecodeFrame(ReadOnlySpan<byte> packet, MqttProtocolVersion version, int maximumPacketSize = MaxRemainingLength + 5)
    {
        var sequence = new ReadOnlySequence<byte>(packet.ToArray());
        if (!TryReadFixedHeader(sequence, maximumPacketSize, out var first, out var headerLength, out var remaining))
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Packet truncated inside the fixed header.");
        }

        if (packet.Length < headerLength + remaining)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"Packet truncated: Remaining Length {remaining} but {packet.Length - headerLength} bytes present.");
        }

        if (packet.Length > headerLength + remaining)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Bytes after the end of the packet.");
        }

        return Decode(first, packet.Slice(headerLength, remaining), version);
    }

    /// <summary>Decodes a packet body into its object form.</summary>
    public static MqttPacket Decode(byte firstByte, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var type = ValidateFirstByte(firstByte, version);
        return type switch
        {
            MqttPacketType.Connect => DecodeConnect(body),
            MqttPacketType.ConnAck => DecodeConnAck(body, version),
            MqttPacketType.Publish => DecodePublish(firstByte, body, version).ToPacket(),
            MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp => DecodePubAck(type, body, version),
            MqttPacketType.Subscribe => DecodeSubscribe(body, version),
            MqttPacketType.SubAck => DecodeSubAck(body, version),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(body, version),
            MqttPacketType.UnsubAck => DecodeUnsubAck(body, version),
            MqttPacketType.PingReq => DecodeEmpty(body, PingReqPacket.Instance),
            MqttPacketType.PingResp => DecodeEmpty(body, PingRespPacket.Instance),
            MqttPacketType.Disconnect => DecodeDisconnect(body, version),
            MqttPacketType.Auth => DecodeAuth(body),
            _ => throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"Unknown packet type {(int)type}."),
        };
    }

    /// <summary>Allocation-free PUBLISH decode (the receive hot path).</summary>
    public static MqttPublishView DecodePublish(byte firstByte, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var qos = (MqttQualityOfService)((firstByte >> 1) & 0x03);
        if ((int)qos == 3 || (qos == MqttQualityOfService.AtMostOnce && (firstByte & 0x08) != 0) || (firstByte >> 4) != (int)MqttPacketType.Publish)
        {
            ValidateFirstByte(firstByte, version);
        }

        var r = new MqttSpanReader(body);
        var topic = r.ReadUtf8Bytes();
        if (topic.IndexOfAny((byte)'+', (byte)'#') >= 0)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "PUBLISH topic name contains a wildcard.");
        }

        ushort packetId = 0;
        if (qos != MqttQualityOfService.AtMostOnce)
        {
            packetId = r.ReadUInt16();
            if (packetId == 0)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "PUBLISH with QoS > 0 has Packet Identifier 0.");
            }
        }

        byte? pfi = null;
        uint? expiry = null;
        ushort alias = 0;
        int userCount = 0, subIdCount = 0;
        bool hasCt = false, hasRt = false, hasCd = false;
        ReadOnlySpan<byte> ct = default, rt = default, cd = default, block = default;
        if (version == MqttProtocolVersion.V500)
        {
            var length = r.ReadVariableByteInteger();
            block = r.ReadBytes(length);
            var pr = new MqttSpanReader(block);
            ulong seen = 0;
            while (!pr.End)
            {
                var id = MqttPropertyCodec.ReadHeader(ref pr, MqttPropertyContext.Publish, ref seen);
                switch ((MqttPropertyId)id)
                {
                    case MqttPropertyId.PayloadFormatIndicator: pfi = MqttPropertyCodec.ReadFlag(ref pr, id); break;
                    case MqttPropertyId.MessageExpiryInterval: expiry = pr.ReadUInt32(); break;
                    case MqttPropertyId.ContentType: ct = pr.ReadUtf8Bytes(); hasCt = true; break;
                    case MqttPropertyId.ResponseTopic:
                        rt = pr.ReadUtf8Bytes();
                        if (rt.IsEmpty || rt.IndexOfAny((byte)'+', (byte)'#') >= 0)
                        {
                            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Response Topic must be a topic name without wildcards.");
                        }

                        hasRt = true;
                        break;
                    case MqttPropertyId.CorrelationData: cd = pr.ReadBinary(); hasCd = true; break;
                    case MqttPropertyId.SubscriptionIdentifier: MqttPropertyCodec.ReadSubscriptionIdentifier(ref pr); subIdCount++; break;
                    case MqttPropertyId.TopicAlias: alias = MqttPropertyCodec.ReadNonZeroUInt16(ref pr, "Topic Alias"); break;
                    case MqttPropertyId.UserProperty: pr.ReadUtf8Bytes(); pr.ReadUtf8Bytes(); userCount++; break;
                    default: throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Property 0x{id:X2} is not allowed in PUBLISH.");
                }
            }

            if (topic.IsEmpty && alias == 0)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "PUBLISH has an empty topic name and no Topic Alias.");
            }
        }
        else if (topic.IsEmpty)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "PUBLISH topic name is empty.");
        }

        var payload = r.ReadRest();
        if (pfi == 1 && !Utf8.IsValid(payload))
        {
            throw new MqttProtocolException(MqttReasonCode.PayloadFormatInvalid, "Payload Format Indicator says UTF-8 but the payload is not valid UTF-8.");
        }

        return new MqttPublishView
        {
            TopicUtf8 = topic,
            QoS = qos,
            Dup = (firstByte & 0x08) != 0,
            Retain = (firstByte & 0x01) != 0,
            PacketId = packetId,
            Payload = payload,
            PayloadFormatIndicator = pfi,
            MessageExpiryInterval = expiry,
            HasContentType = hasCt,
            ContentTypeUtf8 = ct,
            HasResponseTopic = hasRt,
            ResponseTopicUtf8 = rt,
            HasCorrelationData = hasCd,
            CorrelationData = cd,
            TopicAlias = alias,
            UserPropertyCount = userCount,
            SubscriptionIdentifierCount = subIdCount,
            PropertyBlock = block,
        };
    }

    /// <summary>PUBACK/PUBREC/PUBREL/PUBCOMP without allocating when there are no properties (the QoS 1 send hot path).</summary>
    public static (ushort PacketId, MqttReasonCode ReasonCode) DecodePubAckFast(MqttPacketType type, ReadOnlySpan<byte> body, MqttProtocolVersion version, out MqttProperties? properties)
    {
        properties = null;
        var r = new MqttSpanReader(body);
        var id = r.ReadUInt16();
        if (id == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{type} has Packet Identifier 0.");
        }

        var reason = MqttReasonCode.Success;
        if (version == MqttProtocolVersion.V500)
        {
            if (!r.End)
            {
                reason = (MqttReasonCode)r.ReadByte();
                ValidateReason(type, reason);
                if (!r.End)
                {
                    properties = MqttPropertyCodec.Read(ref r, MqttPropertyTable.ContextOf(type));
                }
            }
        }

        EnsureEnd(ref r, type);
        return (id, reason);
    }

    private static PubAckPacket DecodePubAck(MqttPacketType type, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var (id, reason) = DecodePubAckFast(type, body, version, out var props);
        var packet = new PubAckPacket(type) { PacketId = id, ReasonCode = reason };
        if (props is not null)
        {
            packet.Properties = props;
        }

        return packet;
    }

    private static ConnectPacket DecodeConnect(ReadOnlySpan<byte> body)
    {
        var r = new MqttSpanReader(body);
        var name = r.ReadUtf8Bytes();
        var level = r.ReadByte();
        if (!(name.SequenceEqual("MQTT"u8) && level is 4 or 5))
        {
            if (name.SequenceEqual("MQTT"u8) || name.SequenceEqual("MQIsdp"u8))
            {
                throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"Unsupported protocol level {level}.");
            }

            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Protocol name is not \"MQTT\".");
        }

        var version = (MqttProtocolVersion)level;
        var flags = r.ReadByte();
        if ((flags & 0x01) != 0)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "CONNECT reserved flag is set.");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        var hasPassword = (flags & 0x40) != 0;
        var hasUser = (flags & 0x80) != 0;
        if (willQos == 3)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Will QoS 3.");
        }

        if (!hasWill && (willQos != 0 || willRetain))
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Will QoS/Retain set without the Will flag.");
        }

        if (version == MqttProtocolVersion.V311 && hasPassword && !hasUser)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Password flag without User Name flag (3.1.1).");
        }

        var packet = new ConnectPacket
        {
            ProtocolVersion = version,
            CleanStart = (flags & 0x02) != 0,
            KeepAlive = r.ReadUInt16(),
        };
        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.Connect);
        }

        packet.ClientId = r.ReadString();
        if (hasWill)
        {
            packet.HasWill = true;
            packet.WillQoS = (MqttQualityOfService)willQos;
            packet.WillRetain = willRetain;
            if (version == MqttProtocolVersion.V500)
            {
                packet.WillProperties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.Will);
            }

            packet.WillTopic = r.ReadString();
            packet.WillPayload = r.ReadBinary().ToArray();
        }

        if (hasUser)
        {
            packet.Username = r.ReadString();
        }

        if (hasPassword)
        {
            packet.Password = r.ReadBinary().ToArray();
        }

        EnsureEnd(ref r, MqttPacketType.Connect);
        return packet;
    }

    private static ConnAckPacket DecodeConnAck(ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var r = new MqttSpanReader(body);
        var flags = r.ReadByte();
        if ((flags & 0xFE) != 0)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "CONNACK reserved flags are set.");
        }

        var code = r.ReadByte();
        var packet = new ConnAckPacket { SessionPresent = (flags & 0x01) != 0 };
        if (version == MqttProtocolVersion.V500)
        {
            packet.ReasonCode = (MqttReasonCode)code;
            ValidateReason(MqttPacketType.ConnAck, packet.ReasonCode);
            packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.ConnAck);
        }
        else
        {
            packet.ReasonCode = code switch
            {
                0 => MqttReasonCode.Success,
                1 => MqttReasonCode.UnsupportedProtocolVersion,
                2 => MqttReasonCode.ClientIdentifierNotValid,
                3 => MqttReasonCode.ServerUnavailable,
                4 => MqttReasonCode.BadUserNameOrPassword,
                5 => MqttReasonCode.NotAuthorized,
                _ => throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"CONNACK return code {code} is reserved."),
            };
        }

        if (packet.SessionPresent && packet.ReasonCode != MqttReasonCode.Success)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "CONNACK refuses the connection but sets Session Present.");
        }

        EnsureEnd(ref r, MqttPacketType.ConnAck);
        return packet;
    }

    private static SubscribePacket DecodeSubscribe(ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var r = new MqttSpanReader(body);
        var packet = new SubscribePacket { PacketId = ReadPacketId(ref r, MqttPacketType.Subscribe) };
        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.Subscribe);
        }

        while (!r.End)
        {
            var filter = ReadTopicFilter(ref r);
            var options = r.ReadByte();
            var qos = options & 0x03;
            if (qos == 3)
            {
                throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "SUBSCRIBE requested QoS 3.");
            }

            if (version == MqttProtocolVersion.V311)
            {
                if ((options & 0xFC) != 0)
                {
                    throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "SUBSCRIBE options reserved bits set (3.1.1).");
                }

                packet.Entries.Add(new SubscribeEntry(filter, (MqttQualityOfService)qos));
                continue;
            }

            if ((options & 0xC0) != 0)
            {
                throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "SUBSCRIBE options reserved bits set.");
            }

            var retainHandling = (options >> 4) & 0x03;
            if (retainHandling == 3)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "SUBSCRIBE Retain Handling 3.");
            }

            var noLocal = (options & 0x04) != 0;
            if (noLocal && filter.StartsWith("$share/", StringComparison.Ordinal))
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "No Local on a shared subscription.");
            }

            packet.Entries.Add(new SubscribeEntry(filter, (MqttQualityOfService)qos, noLocal, (options & 0x08) != 0, (MqttRetainHandling)retainHandling));
        }

        if (packet.Entries.Count == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "SUBSCRIBE without any topic filter.");
        }

        return packet;
    }

    private static SubAckPacket DecodeSubAck(ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var r = new MqttSpanReader(body);
        var packet = new SubAckPacket { PacketId = ReadPacketId(ref r, MqttPacketType.SubAck) };
        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.SubAck);
        }

        while (!r.End)
        {
            var code = (MqttReasonCode)r.ReadByte();
            if (version == MqttProtocolVersion.V311 && code is not (MqttReasonCode.GrantedQoS0 or MqttReasonCode.GrantedQoS1 or MqttReasonCode.GrantedQoS2 or MqttReasonCode.UnspecifiedError))
            {
                throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"SUBACK return code 0x{(byte)code:X2} is not allowed in 3.1.1.");
            }

            ValidateReason(MqttPacketType.SubAck, code);
            packet.ReasonCodes.Add(code);
        }

        if (packet.ReasonCodes.Count == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "SUBACK without any reason code.");
        }

        return packet;
    }

    private static UnsubscribePacket DecodeUnsubscribe(ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var r = new MqttSpanReader(body);
        var packet = new UnsubscribePacket { PacketId = ReadPacketId(ref r, MqttPacketType.Unsubscribe) };
        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.Unsubscribe);
        }

        while (!r.End)
        {
            packet.TopicFilters.Add(ReadTopicFilter(ref r));
        }

        if (packet.TopicFilters.Count == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "UNSUBSCRIBE without any topic filter.");
        }

        return packet;
    }

    private static UnsubAckPacket DecodeUnsubAck(ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var r = new MqttSpanReader(body);
        var packet = new UnsubAckPacket { PacketId = ReadPacketId(ref r, MqttPacketType.UnsubAck) };
        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.UnsubAck);
            while (!r.End)
            {
                var code = (MqttReasonCode)r.ReadByte();
                ValidateReason(MqttPacketType.UnsubAck, code);
                packet.ReasonCodes.Add(code);
            }

            if (packet.ReasonCodes.Count == 0)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "UNSUBACK without any reason code.");
            }
        }

        EnsureEnd(ref r, MqttPacketType.UnsubAck);
        return packet;
    }

    private static DisconnectPacket DecodeDisconnect(ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var r = new MqttSpanReader(body);
        var packet = new DisconnectPacket();
        if (version == MqttProtocolVersion.V500 && !r.End)
        {
            packet.ReasonCode = (MqttReasonCode)r.ReadByte();
            ValidateReason(MqttPacketType.Disconnect, packet.ReasonCode);
            if (!r.End)
            {
                packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.Disconnect);
            }
        }

        EnsureEnd(ref r, MqttPacketType.Disconnect);
        return packet;
    }

    private static AuthPacket DecodeAuth(ReadOnlySpan<byte> body)
    {
        var r = new MqttSpanReader(body);
        var packet = new AuthPacket();
        if (!r.End)
        {
            packet.ReasonCode = (MqttReasonCode)r.ReadByte();
            ValidateReason(MqttPacketType.Auth, packet.ReasonCode);
            if (!r.End)
            {
                packet.Properties = MqttPropertyCodec.Read(ref r, MqttPropertyContext.Auth);
            }
        }

        EnsureEnd(ref r, MqttPacketType.Auth);
        return packet;
    }

    private static T DecodeEmpty<T>(ReadOnlySpan<byte> body, T packet)
        where T : MqttPacket
    {
        if (!body.IsEmpty)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"{packet.Type} must have Remaining Length 0.");
        }

        return packet;
    }

    private static ushort ReadPacketId(ref MqttSpanReader r, MqttPacketType type)
    {
        var id = r.ReadUInt16();
        if (id == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{type} has Packet Identifier 0.");
        }

        return id;
    }

    private static string ReadTopicFilter(ref MqttSpanReader r)
    {
        var bytes = r.ReadUtf8Bytes();
        if (bytes.IsEmpty)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Empty topic filter.");
        }

        var filter = Encoding.UTF8.GetString(bytes);
        if (!MqttTopic.IsValidFilter(filter))
        {
            throw new MqttProtocolException(MqttReasonCode.TopicFilterInvalid, $"Invalid topic filter '{filter}'.");
        }

        return filter;
    }

    private static void EnsureEnd(ref MqttSpanReader r, MqttPacketType type)
    {
        if (!r.End)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"{type} has {r.Remaining} unexpected trailing bytes.");
        }
    }

    /// <summary>Reason codes allowed per packet type (MQTT 5.0 section 2.4 table 2-6).</summary>
    public static void ValidateReason(MqttPacketType type, MqttReasonCode code)
    {
        var c = (byte)code;
        var ok = type switch
        {
            MqttPacketType.ConnAck => c is 0x00 or (>= 0x80 and <= 0x8A) or 0x8C or 0x90 or 0x95 or 0x97 or 0x99 or 0x9A or 0x9B or 0x9C or 0x9D or 0x9F,
            MqttPacketType.PubAck or MqttPacketType.PubRec => c is 0x00 or 0x10 or 0x80 or 0x83 or 0x87 or 0x90 or 0x91 or 0x97 or 0x99,
            MqttPacketType.PubRel or MqttPacketType.PubComp => c is 0x00 or 0x92,
            MqttPacketType.SubAck => c is 0x00 or 0x01 or 0x02 or 0x80 or 0x83 or 0x87 or 0x8F or 0x91 or 0x97 or 0x9E or 0xA1 or 0xA2,
            MqttPacketType.UnsubAck => c is 0x00 or 0x11 or 0x80 or 0x83 or 0x87 or 0x8F or 0x91,
            MqttPacketType.Disconnect => c is 0x00 or 0x04 or (>= 0x80 and <= 0x83) or 0x87 or 0x89 or 0x8B or (>= 0x8D and <= 0xA2),
            MqttPacketType.Auth => c is 0x00 or 0x18 or 0x19,
            _ => false,
        };
        if (!ok)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"Reason code 0x{c:X2} is not valid in {type}.");
        }
    }
}
