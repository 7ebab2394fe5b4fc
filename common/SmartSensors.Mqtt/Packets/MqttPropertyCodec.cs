using System.Text;

namespace SmartSensors.Mqtt.Packets;

/// <summary>Encodes and decodes a v5 property block (Variable Byte Integer length + properties).</summary>
internal static class MqttPropertyCodec
{
    /// <summary>Byte length of the properties themselves (without the length prefix).</summary>
    public static int Measure(MqttProperties? p)
    {
        if (p is null)
        {
            return 0;
        }

        var size = 0;
        size += p.PayloadFormatIndicator is null ? 0 : 2;
        size += p.MessageExpiryInterval is null ? 0 : 5;
        size += p.ContentType is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.ContentType, "Content Type");
        size += p.ResponseTopic is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.ResponseTopic, "Response Topic");
        size += p.CorrelationData is null ? 0 : 1 + MqttSpanWriter.SizeOfBinary(p.CorrelationData.Length, "Correlation Data");
        foreach (var id in p.SubscriptionIdentifiers)
        {
            if (id is < 1 or > 268_435_455)
            {
                throw new ArgumentOutOfRangeException(nameof(p), "Subscription Identifier must be 1..268435455.");
            }

            size += 1 + MqttSpanWriter.SizeOfVariableByteInteger(id);
        }

        size += p.SessionExpiryInterval is null ? 0 : 5;
        size += p.AssignedClientIdentifier is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.AssignedClientIdentifier, "Assigned Client Identifier");
        size += p.ServerKeepAlive is null ? 0 : 3;
        size += p.AuthenticationMethod is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.AuthenticationMethod, "Authentication Method");
        size += p.AuthenticationData is null ? 0 : 1 + MqttSpanWriter.SizeOfBinary(p.AuthenticationData.Length, "Authentication Data");
        size += p.RequestProblemInformation is null ? 0 : 2;
        size += p.WillDelayInterval is null ? 0 : 5;
        size += p.RequestResponseInformation is null ? 0 : 2;
        size += p.ResponseInformation is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.ResponseInformation, "Response Information");
        size += p.ServerReference is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.ServerReference, "Server Reference");
        size += p.ReasonString is null ? 0 : 1 + MqttSpanWriter.SizeOfString(p.ReasonString, "Reason String");
        size += p.ReceiveMaximum is null ? 0 : 3;
        size += p.TopicAliasMaximum is null ? 0 : 3;
        size += p.TopicAlias is null ? 0 : 3;
        size += p.MaximumQoS is null ? 0 : 2;
        size += p.RetainAvailable is null ? 0 : 2;
        foreach (var up in p.UserProperties)
        {
            size += 1 + MqttSpanWriter.SizeOfString(up.Name, "User Property name") + MqttSpanWriter.SizeOfString(up.Value, "User Property value");
        }

        size += p.MaximumPacketSize is null ? 0 : 5;
        size += p.WildcardSubscriptionAvailable is null ? 0 : 2;
        size += p.SubscriptionIdentifierAvailable is null ? 0 : 2;
        size += p.SharedSubscriptionAvailable is null ? 0 : 2;
        return size;
    }

    /// <summary>Size of the whole block including its length prefix.</summary>
    public static int MeasureBlock(MqttProperties? p, out int contentLength)
    {
        contentLength = Measure(p);
        return MqttSpanWriter.SizeOfVariableByteInteger(contentLength) + contentLength;
    }

    public static void Write(ref MqttSpanWriter w, MqttProperties? p, int contentLength)
    {
        w.WriteVariableByteInteger(contentLength);
        if (p is null)
        {
            return;
        }

        WriteByte(ref w, MqttPropertyId.PayloadFormatIndicator, p.PayloadFormatIndicator);
        if (p.MessageExpiryInterval is { } mei)
        {
            w.WriteByte((byte)MqttPropertyId.MessageExpiryInterval);
            w.WriteUInt32(mei);
        }

        WriteString(ref w, MqttPropertyId.ContentType, p.ContentType);
        WriteString(ref w, MqttPropertyId.ResponseTopic, p.ResponseTopic);
        WriteBinary(ref w, MqttPropertyId.CorrelationData, p.CorrelationData);
        foreach (var id in p.SubscriptionIdentifiers)
        {
            w.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
            w.WriteVariableByteInteger(id);
        }

        WriteUInt32(ref w, MqttPropertyId.SessionExpiryInterval, p.SessionExpiryInterval);
        WriteString(ref w, MqttPropertyId.AssignedClientIdentifier, p.AssignedClientIdentifier);
        WriteUInt16(ref w, MqttPropertyId.ServerKeepAlive, p.ServerKeepAlive);
        WriteString(ref w, MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        WriteBinary(ref w, MqttPropertyId.AuthenticationData, p.AuthenticationData);
        WriteByte(ref w, MqttPropertyId.RequestProblemInformation, p.RequestProblemInformation);
        WriteUInt32(ref w, MqttPropertyId.WillDelayInterval, p.WillDelayInterval);
        WriteByte(ref w, MqttPropertyId.RequestResponseInformation, p.RequestResponseInformation);
        WriteString(ref w, MqttPropertyId.ResponseInformation, p.ResponseInformation);
        WriteString(ref w, MqttPropertyId.ServerReference, p.ServerReference);
        WriteString(ref w, MqttPropertyId.ReasonString, p.ReasonString);
        WriteUInt16(ref w, MqttPropertyId.ReceiveMaximum, p.ReceiveMaximum);
        WriteUInt16(ref w, MqttPropertyId.TopicAliasMaximum, p.TopicAliasMaximum);
        WriteUInt16(ref w, MqttPropertyId.TopicAlias, p.TopicAlias);
        WriteByte(ref w, MqttPropertyId.MaximumQoS, p.MaximumQoS);
        WriteByte(ref w, MqttPropertyId.RetainAvailable, p.RetainAvailable);
        foreach (var up in p.UserProperties)
        {
            w.WriteByte((byte)MqttPropertyId.UserProperty);
            w.WriteString(up.Name);
            w.WriteString(up.Value);
        }

        WriteUInt32(ref w, MqttPropertyId.MaximumPacketSize, p.MaximumPacketSize);
        WriteByte(ref w, MqttPropertyId.WildcardSubscriptionAvailable, p.WildcardSubscriptionAvailable);
        WriteByte(ref w, MqttPropertyId.SubscriptionIdentifierAvailable, p.SubscriptionIdentifierAvailable);
        WriteByte(ref w, MqttPropertyId.SharedSubscriptionAvailable, p.SharedSubscriptionAvailable);
    }

    /// <summary>Reads a property block and validates it for <paramref name="context"/>.</summary>
    public static MqttProperties Read(ref MqttSpanReader r, MqttPropertyContext context)
    {
        var length = r.ReadVariableByteInteger();
        var block = r.ReadBytes(length);
        var p = new MqttProperties();
        var br = new MqttSpanReader(block);
        ulong seen = 0;
        while (!br.End)
        {
            var id = ReadHeader(ref br, context, ref seen);
            switch ((MqttPropertyId)id)
            {
                case MqttPropertyId.PayloadFormatIndicator: p.PayloadFormatIndicator = ReadFlag(ref br, id); break;
                case MqttPropertyId.MessageExpiryInterval: p.MessageExpiryInterval = br.ReadUInt32(); break;
                case MqttPropertyId.ContentType: p.ContentType = br.ReadString(); break;
                case MqttPropertyId.ResponseTopic: p.ResponseTopic = ReadResponseTopic(ref br); break;
                case MqttPropertyId.CorrelationData: p.CorrelationData = br.ReadBinary().ToArray(); break;
                case MqttPropertyId.SubscriptionIdentifier: p.SubscriptionIdentifiers.Add(ReadSubscriptionIdentifier(ref br)); break;
                case MqttPropertyId.SessionExpiryInterval: p.SessionExpiryInterval = br.ReadUInt32(); break;
                case MqttPropertyId.AssignedClientIdentifier: p.AssignedClientIdentifier = br.ReadString(); break;
                case MqttPropertyId.ServerKeepAlive: p.ServerKeepAlive = br.ReadUInt16(); break;
                case MqttPropertyId.AuthenticationMethod: p.AuthenticationMethod = br.ReadString(); break;
                case MqttPropertyId.AuthenticationData: p.AuthenticationData = br.ReadBinary().ToArray(); break;
                case MqttPropertyId.RequestProblemInformation: p.RequestProblemInformation = ReadFlag(ref br, id); break;
                case MqttPropertyId.WillDelayInterval: p.WillDelayInterval = br.ReadUInt32(); break;
                case MqttPropertyId.RequestResponseInformation: p.RequestResponseInformation = ReadFlag(ref br, id); break;
                case MqttPropertyId.ResponseInformation: p.ResponseInformation = br.ReadString(); break;
                case MqttPropertyId.ServerReference: p.ServerReference = br.ReadString(); break;
                case MqttPropertyId.ReasonString: p.ReasonString = br.ReadString(); break;
                case MqttPropertyId.ReceiveMaximum: p.ReceiveMaximum = ReadNonZeroUInt16(ref br, "Receive Maximum"); break;
                case MqttPropertyId.TopicAliasMaximum: p.TopicAliasMaximum = br.ReadUInt16(); break;
                case MqttPropertyId.TopicAlias: p.TopicAlias = ReadNonZeroUInt16(ref br, "Topic Alias"); break;
                case MqttPropertyId.MaximumQoS: p.MaximumQoS = ReadFlag(ref br, id); break;
                case MqttPropertyId.RetainAvailable: p.RetainAvailable = ReadFlag(ref br, id); break;
                case MqttPropertyId.UserProperty: p.UserProperties.Add(new MqttUserProperty(br.ReadString(), br.ReadString())); break;
                case MqttPropertyId.MaximumPacketSize:
                    var mps = br.ReadUInt32();
                    if (mps == 0)
                    {
                        throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Maximum Packet Size must not be 0.");
                    }

                    p.MaximumPacketSize = mps;
                    break;
                case MqttPropertyId.WildcardSubscriptionAvailable: p.WildcardSubscriptionAvailable = ReadFlag(ref br, id); break;
                case MqttPropertyId.SubscriptionIdentifierAvailable: p.SubscriptionIdentifierAvailable = ReadFlag(ref br, id); break;
                case MqttPropertyId.SharedSubscriptionAvailable: p.SharedSubscriptionAvailable = ReadFlag(ref br, id); break;
                default: throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"Unknown property 0x{id:X2}.");
            }
        }

        return p;
    }

    /// <summary>Reads a property identifier and enforces: known, allowed in this packet, not duplicated.</summary>
    internal static byte ReadHeader(ref MqttSpanReader r, MqttPropertyContext context, ref ulong seen)
    {
        // The identifier is a Variable Byte Integer; every defined id is < 128, so a longer encoding is an unknown id.
        var id = r.ReadVariableByteInteger();
        if (id > 0x3F || MqttPropertyTable.TypeOf((byte)id) == MqttPropertyTable.DataType.Unknown)
        {
            throw new MqttProtocolException(MqttReasonCode.MalformedPacket, $"Unknown property identifier 0x{id:X2}.");
        }

        if ((MqttPropertyTable.AllowedIn((byte)id) & context) == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Property 0x{id:X2} is not allowed in {context}.");
        }

        var bit = 1UL << id;
        if ((seen & bit) != 0 && !MqttPropertyTable.MayRepeat((byte)id, context))
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Property 0x{id:X2} appears more than once.");
        }

        seen |= bit;
        return (byte)id;
    }

    internal static byte ReadFlag(ref MqttSpanReader r, byte id)
    {
        var b = r.ReadByte();
        // Every byte-valued property is 0 or 1 (Maximum QoS too: a broker sends it only to say 0 or 1).
        if (b > 1)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Property 0x{id:X2} has invalid value {b}.");
        }

        return b;
    }

    internal static ushort ReadNonZeroUInt16(ref MqttSpanReader r, string name)
    {
        var v = r.ReadUInt16();
        if (v == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{name} must not be 0.");
        }

        return v;
    }

    internal static int ReadSubscriptionIdentifier(ref MqttSpanReader r)
    {
        var v = r.ReadVariableByteInteger();
        if (v == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Subscription Identifier must not be 0.");
        }

        return v;
    }

    internal static string ReadResponseTopic(ref MqttSpanReader r)
    {
        var bytes = r.ReadUtf8Bytes();
        if (bytes.IsEmpty || bytes.IndexOfAny((byte)'+', (byte)'#') >= 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Response Topic must be a topic name without wildcards.");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static void WriteByte(ref MqttSpanWriter w, MqttPropertyId id, byte? value)
    {
        if (value is { } v)
        {
            w.WriteByte((byte)id);
            w.WriteByte(v);
        }
    }

    private static void WriteUInt16(ref MqttSpanWriter w, MqttPropertyId id, ushort? value)
    {
        if (value is { } v)
        {
            w.WriteByte((byte)id);
            w.WriteUInt16(v);
        }
    }

    private static void WriteUInt32(ref MqttSpanWriter w, MqttPropertyId id, uint? value)
    {
        if (value is { } v)
        {
            w.WriteByte((byte)id);
            w.WriteUInt32(v);
        }
    }

    private static void WriteString(ref MqttSpanWriter w, MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            w.WriteByte((byte)id);
            w.WriteString(value);
        }
    }

    private static void WriteBinary(ref MqttSpanWriter w, MqttPropertyId id, byte[]? value)
    {
        if (value is not null)
        {
            w.WriteByte((byte)id);
            w.WriteBinary(value);
        }
    }
}
