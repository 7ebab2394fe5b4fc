using System.Buffers;
using System.Collections;
using System.Text;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Tests.Packets;

/// <summary>Round trips: every packet type, both protocol versions, every v5 property in each packet that allows it.</summary>
public sealed class MqttPacketEncoderTests
{
    public static TheoryData<MqttProtocolVersion> Versions => new() { MqttProtocolVersion.V311, MqttProtocolVersion.V500 };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Connect_AllFieldsAndProperties_RoundTrips(MqttProtocolVersion version)
    {
        var packet = new ConnectPacket
        {
            ProtocolVersion = version,
            ClientId = "gateway-ß-01",
            CleanStart = true,
            KeepAlive = 45,
            Username = "user",
            Password = [1, 2, 3, 0],
            HasWill = true,
            WillTopic = "ss/v1/site/gw/status",
            WillPayload = Encoding.UTF8.GetBytes("offline"),
            WillQoS = MqttQualityOfService.AtLeastOnce,
            WillRetain = true,
        };
        if (version == MqttProtocolVersion.V500)
        {
            var p = packet.Properties;
            p.SessionExpiryInterval = 3600;
            p.AuthenticationMethod = "SCRAM-SHA-1";
            p.AuthenticationData = [9, 8, 7];
            p.RequestProblemInformation = 0;
            p.RequestResponseInformation = 1;
            p.ReceiveMaximum = 20;
            p.TopicAliasMaximum = 10;
            p.MaximumPacketSize = 65536;
            p.UserProperties.Add(new("a", "1"));
            p.UserProperties.Add(new("a", "2"));
            var wp = packet.WillProperties;
            wp.PayloadFormatIndicator = 1;
            wp.MessageExpiryInterval = 60;
            wp.ContentType = "text/plain";
            wp.ResponseTopic = "reply/here";
            wp.CorrelationData = [0xCA, 0xFE];
            wp.WillDelayInterval = 5;
            wp.UserProperties.Add(new("k", "v"));
        }

        var decoded = Assert.IsType<ConnectPacket>(RoundTrip(packet, version));

        Assert.Equal(version, decoded.ProtocolVersion);
        Assert.Equal(packet.ClientId, decoded.ClientId);
        Assert.True(decoded.CleanStart);
        Assert.Equal(45, decoded.KeepAlive);
        Assert.Equal("user", decoded.Username);
        Assert.Equal(packet.Password, decoded.Password);
        Assert.True(decoded.HasWill);
        Assert.Equal(packet.WillTopic, decoded.WillTopic);
        Assert.Equal(packet.WillPayload, decoded.WillPayload);
        Assert.Equal(MqttQualityOfService.AtLeastOnce, decoded.WillQoS);
        Assert.True(decoded.WillRetain);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
        AssertPropertiesEqual(packet.WillProperties, decoded.WillProperties, version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Connect_Minimal_MatchesSpecificationBytes(MqttProtocolVersion version)
    {
        var bytes = Encode(new ConnectPacket { ProtocolVersion = version, ClientId = "c", CleanStart = true, KeepAlive = 60 }, version);

        var expected = version == MqttProtocolVersion.V311
            ? "100D00044D5154540402003C00016300"[..^2]
            : "100E00044D5154540502003C0000016300"[..^2];
        Assert.Equal(expected, Convert.ToHexString(bytes));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ConnAck_AllProperties_RoundTrips(MqttProtocolVersion version)
    {
        var packet = new ConnAckPacket { SessionPresent = true, ReasonCode = MqttReasonCode.Success };
        if (version == MqttProtocolVersion.V500)
        {
            var p = packet.Properties;
            p.SessionExpiryInterval = 120;
            p.ReceiveMaximum = 10;
            p.MaximumQoS = 1;
            p.RetainAvailable = 0;
            p.MaximumPacketSize = 1000;
            p.AssignedClientIdentifier = "auto-123";
            p.TopicAliasMaximum = 5;
            p.ReasonString = "welcome";
            p.UserProperties.Add(new("x", "y"));
            p.WildcardSubscriptionAvailable = 0;
            p.SubscriptionIdentifierAvailable = 1;
            p.SharedSubscriptionAvailable = 1;
            p.ServerKeepAlive = 30;
            p.ResponseInformation = "resp/";
            p.ServerReference = "other:1883";
            p.AuthenticationMethod = "m";
            p.AuthenticationData = [1];
        }

        var decoded = Assert.IsType<ConnAckPacket>(RoundTrip(packet, version));

        Assert.True(decoded.SessionPresent);
        Assert.Equal(MqttReasonCode.Success, decoded.ReasonCode);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.BadUserNameOrPassword)]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.UnsupportedProtocolVersion)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.Banned)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.QuotaExceeded)]
    public void ConnAck_Refusal_RoundTripsReasonCode(MqttProtocolVersion version, MqttReasonCode code)
    {
        var decoded = Assert.IsType<ConnAckPacket>(RoundTrip(new ConnAckPacket { ReasonCode = code }, version));

        Assert.Equal(code, decoded.ReasonCode);
        Assert.False(decoded.SessionPresent);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public void Publish_ApplicationMessage_RoundTripsThroughView(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        var message = new MqttApplicationMessage
        {
            Topic = "ss/v1/queens-square/gw-1/readings",
            Payload = Encoding.UTF8.GetBytes("[{\"bn\":\"x\",\"v\":1}]"),
            QualityOfService = qos,
            Retain = true,
            PayloadIsUtf8 = true,
            MessageExpiryInterval = 600,
            ContentType = "application/senml+json",
            ResponseTopic = "reply/gw-1",
            CorrelationData = new byte[] { 1, 2, 3 },
            UserProperties = [new("seq", "42"), new("seq", "43")],
        };
        var buffer = new ArrayBufferWriter<byte>();
        var size = MqttPacketEncoder.EncodePublish(buffer, message, packetId: 7, dup: qos != MqttQualityOfService.AtMostOnce, version);
        Assert.Equal(buffer.WrittenCount, size);

        var decoded = Assert.IsType<PublishPacket>(MqttPacketDecoder.DecodeFrame(buffer.WrittenSpan, version));

        Assert.Equal(message.Topic, decoded.Topic);
        Assert.Equal(message.Payload.ToArray(), decoded.Payload);
        Assert.Equal(qos, decoded.QoS);
        Assert.True(decoded.Retain);
        Assert.Equal(qos != MqttQualityOfService.AtMostOnce, decoded.Dup);
        Assert.Equal(qos == MqttQualityOfService.AtMostOnce ? 0 : 7, decoded.PacketId);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal((byte)1, decoded.Properties.PayloadFormatIndicator);
            Assert.Equal(600u, decoded.Properties.MessageExpiryInterval);
            Assert.Equal("application/senml+json", decoded.Properties.ContentType);
            Assert.Equal("reply/gw-1", decoded.Properties.ResponseTopic);
            Assert.Equal(new byte[] { 1, 2, 3 }, decoded.Properties.CorrelationData);
            Assert.Equal(message.UserProperties, decoded.Properties.UserProperties);
        }
        else
        {
            Assert.Null(decoded.Properties.ContentType);
        }
    }

    [Fact]
    public void Publish_BrokerSideProperties_RoundTrip()
    {
        var packet = new PublishPacket { Topic = "", QoS = MqttQualityOfService.AtLeastOnce, PacketId = 65535, Payload = [] };
        packet.Properties.TopicAlias = 3;
        packet.Properties.SubscriptionIdentifiers.Add(1);
        packet.Properties.SubscriptionIdentifiers.Add(268_435_455);
        packet.Properties.PayloadFormatIndicator = 0;

        var decoded = Assert.IsType<PublishPacket>(RoundTrip(packet, MqttProtocolVersion.V500));

        Assert.Equal("", decoded.Topic);
        Assert.Equal(65535, decoded.PacketId);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, MqttProtocolVersion.V500);
    }

    [Fact]
    public void Publish_TooLargeForMaximumPacketSize_ThrowsPacketTooLargeAndWritesNothing()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var message = new MqttApplicationMessage { Topic = "t", Payload = new byte[200] };

        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketEncoder.EncodePublish(buffer, message, 1, false, MqttProtocolVersion.V500, maximumPacketSize: 100));

        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Publish_LargePayload_UsesFourByteRemainingLength()
    {
        var message = new MqttApplicationMessage { Topic = "big", Payload = new byte[2_100_000], QualityOfService = MqttQualityOfService.AtMostOnce };
        var buffer = new ArrayBufferWriter<byte>();

        MqttPacketEncoder.EncodePublish(buffer, message, 0, false, MqttProtocolVersion.V311);
        var decoded = Assert.IsType<PublishPacket>(MqttPacketDecoder.DecodeFrame(buffer.WrittenSpan, MqttProtocolVersion.V311));

        Assert.Equal(2_100_000, decoded.Payload.Length);
        Assert.Equal(1 + 4 + 2 + 3 + 2_100_000, buffer.WrittenCount);
    }

    public static TheoryData<byte, MqttProtocolVersion, MqttReasonCode> AckCases
    {
        get
        {
            var data = new TheoryData<byte, MqttProtocolVersion, MqttReasonCode>();
            foreach (var type in new[] { MqttPacketType.PubAck, MqttPacketType.PubRec, MqttPacketType.PubRel, MqttPacketType.PubComp })
            {
                data.Add((byte)type, MqttProtocolVersion.V311, MqttReasonCode.Success);
                data.Add((byte)type, MqttProtocolVersion.V500, MqttReasonCode.Success);
                data.Add((byte)type, MqttProtocolVersion.V500, type is MqttPacketType.PubRel or MqttPacketType.PubComp ? MqttReasonCode.PacketIdentifierNotFound : MqttReasonCode.NotAuthorized);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AckCases))]
    public void PubAckFamily_ReasonAndProperties_RoundTrip(byte typeValue, MqttProtocolVersion version, MqttReasonCode code)
    {
        var type = (MqttPacketType)typeValue;
        var packet = new PubAckPacket(type) { PacketId = 513, ReasonCode = code };
        var plain = Encode(packet, version);
        Assert.Equal(code == MqttReasonCode.Success || version == MqttProtocolVersion.V311 ? 4 : 5, plain.Length);

        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties.ReasonString = "why";
            packet.Properties.UserProperties.Add(new("u", "v"));
        }

        var decoded = Assert.IsType<PubAckPacket>(RoundTrip(packet, version));

        Assert.Equal(type, decoded.Type);
        Assert.Equal(513, decoded.PacketId);
        Assert.Equal(code, decoded.ReasonCode);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Subscribe_OptionsAndProperties_RoundTrip(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var packet = new SubscribePacket { PacketId = 10 };
        packet.Entries.Add(new SubscribeEntry("ss/v1/+/+/readings", MqttQualityOfService.AtLeastOnce, v5, v5, v5 ? MqttRetainHandling.DoNotSend : MqttRetainHandling.SendAtSubscribe));
        packet.Entries.Add(new SubscribeEntry("$share/ingest/ss/#", MqttQualityOfService.ExactlyOnce, false, false, v5 ? MqttRetainHandling.SendAtSubscribeIfNew : MqttRetainHandling.SendAtSubscribe));
        packet.Entries.Add(new SubscribeEntry("#", MqttQualityOfService.AtMostOnce));
        if (v5)
        {
            packet.Properties.SubscriptionIdentifiers.Add(99);
            packet.Properties.UserProperties.Add(new("a", "b"));
        }

        var decoded = Assert.IsType<SubscribePacket>(RoundTrip(packet, version));

        Assert.Equal(10, decoded.PacketId);
        Assert.Equal(packet.Entries, decoded.Entries);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void SubAck_ReasonCodes_RoundTrip(MqttProtocolVersion version)
    {
        var packet = new SubAckPacket { PacketId = 11 };
        packet.ReasonCodes.AddRange([MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError]);
        if (version == MqttProtocolVersion.V500)
        {
            packet.ReasonCodes.Add(MqttReasonCode.NotAuthorized);
            packet.ReasonCodes.Add(MqttReasonCode.SharedSubscriptionsNotSupported);
            packet.Properties.ReasonString = "acl";
            packet.Properties.UserProperties.Add(new("a", "b"));
        }

        var decoded = Assert.IsType<SubAckPacket>(RoundTrip(packet, version));

        Assert.Equal(11, decoded.PacketId);
        Assert.Equal(packet.ReasonCodes, decoded.ReasonCodes);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Unsubscribe_RoundTrips(MqttProtocolVersion version)
    {
        var packet = new UnsubscribePacket { PacketId = 12 };
        packet.TopicFilters.AddRange(["a/+", "b/#", "$share/g/c"]);
        if (version == MqttProtocolVersion.V500)
        {
            packet.Properties.UserProperties.Add(new("a", "b"));
        }

        var decoded = Assert.IsType<UnsubscribePacket>(RoundTrip(packet, version));

        Assert.Equal(12, decoded.PacketId);
        Assert.Equal(packet.TopicFilters, decoded.TopicFilters);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void UnsubAck_RoundTrips(MqttProtocolVersion version)
    {
        var packet = new UnsubAckPacket { PacketId = 13 };
        if (version == MqttProtocolVersion.V500)
        {
            packet.ReasonCodes.AddRange([MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted, MqttReasonCode.NotAuthorized]);
            packet.Properties.ReasonString = "r";
            packet.Properties.UserProperties.Add(new("a", "b"));
        }

        var decoded = Assert.IsType<UnsubAckPacket>(RoundTrip(packet, version));

        Assert.Equal(13, decoded.PacketId);
        Assert.Equal(packet.ReasonCodes, decoded.ReasonCodes);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void PingPackets_RoundTrip(MqttProtocolVersion version)
    {
        Assert.Equal("C000", Convert.ToHexString(Encode(PingReqPacket.Instance, version)));
        Assert.Equal("D000", Convert.ToHexString(Encode(PingRespPacket.Instance, version)));
        Assert.Same(PingReqPacket.Instance, RoundTrip(PingReqPacket.Instance, version));
        Assert.Same(PingRespPacket.Instance, RoundTrip(PingRespPacket.Instance, version));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Disconnect_RoundTrips(MqttProtocolVersion version)
    {
        Assert.Equal("E000", Convert.ToHexString(Encode(new DisconnectPacket(), version)));
        var packet = new DisconnectPacket();
        if (version == MqttProtocolVersion.V500)
        {
            packet.ReasonCode = MqttReasonCode.DisconnectWithWillMessage;
            packet.Properties.SessionExpiryInterval = 0;
            packet.Properties.ReasonString = "bye";
            packet.Properties.ServerReference = "elsewhere";
            packet.Properties.UserProperties.Add(new("a", "b"));
        }

        var decoded = Assert.IsType<DisconnectPacket>(RoundTrip(packet, version));

        Assert.Equal(packet.ReasonCode, decoded.ReasonCode);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, version);
    }

    [Fact]
    public void Auth_RoundTrips()
    {
        var packet = new AuthPacket { ReasonCode = MqttReasonCode.ContinueAuthentication };
        packet.Properties.AuthenticationMethod = "SCRAM";
        packet.Properties.AuthenticationData = [1, 2];
        packet.Properties.ReasonString = "more";
        packet.Properties.UserProperties.Add(new("a", "b"));

        var decoded = Assert.IsType<AuthPacket>(RoundTrip(packet, MqttProtocolVersion.V500));

        Assert.Equal(MqttReasonCode.ContinueAuthentication, decoded.ReasonCode);
        AssertPropertiesEqual(packet.Properties, decoded.Properties, MqttProtocolVersion.V500);
    }

    [Fact]
    public void EveryPropertyIdentifier_IsCoveredByTheRoundTrips()
    {
        // The round trips above set every property of MqttProperties at least once; this guards against a new one being missed.
        var ids = Enum.GetValues<MqttPropertyId>();
        Assert.Equal(27, ids.Length);
        foreach (var id in ids)
        {
            Assert.NotEqual(MqttPropertyTable.DataType.Unknown, MqttPropertyTable.TypeOf((byte)id));
            Assert.NotEqual(MqttPropertyContext.None, MqttPropertyTable.AllowedIn((byte)id));
        }
    }

    private static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var size = MqttPacketEncoder.Encode(buffer, packet, version);
        Assert.Equal(buffer.WrittenCount, size);
        return buffer.WrittenSpan.ToArray();
    }

    private static MqttPacket RoundTrip(MqttPacket packet, MqttProtocolVersion version)
    {
        var bytes = Encode(packet, version);
        var decoded = MqttPacketDecoder.DecodeFrame(bytes, version);
        Assert.Equal(packet.Type, decoded.Type);
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(Encode(decoded, version)));
        return decoded;
    }

    private static void AssertPropertiesEqual(MqttProperties expected, MqttProperties actual, MqttProtocolVersion version)
    {
        foreach (var property in typeof(MqttProperties).GetProperties())
        {
            var e = property.GetValue(expected);
            var a = property.GetValue(actual);
            if (version == MqttProtocolVersion.V311)
            {
                // 3.1.1 has no properties: nothing survives.
                if (a is IEnumerable list)
                {
                    Assert.Empty(list);
                }
                else
                {
                    Assert.Null(a);
                }

                continue;
            }

            if (e is IEnumerable ee && a is IEnumerable ae)
            {
                Assert.Equal(ee.Cast<object>(), ae.Cast<object>());
            }
            else
            {
                Assert.Equal(e, a);
            }
        }
    }
}
