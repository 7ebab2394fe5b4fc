using System.Text;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>
/// Client protocol behaviour a real broker cannot be made to show (inbound topic aliases, broker protocol violations),
/// checked against a scripted peer on loopback.
/// </summary>
public sealed class MqttClientProtocolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Receive_InboundTopicAlias_ResolvedToTopic()
    {
        await using var broker = new ScriptedBroker();
        using var cts = new CancellationTokenSource(Timeout);
        await using var client = MqttClientFactory.Create(Options(broker));
        var connect = await HandshakeAsync(broker, client, cts.Token);
        Assert.Equal((ushort)8, connect.Properties.TopicAliasMaximum);

        await broker.SendAsync(Publish("ss/v1/park/gw/readings", "one", alias: 3), MqttProtocolVersion.V500, cts.Token);
        await broker.SendAsync(Publish("", "two", alias: 3), MqttProtocolVersion.V500, cts.Token);
        var first = await client.Messages.ReadAsync(cts.Token);
        var second = await client.Messages.ReadAsync(cts.Token);

        Assert.Equal("ss/v1/park/gw/readings", first.Topic);
        Assert.Equal("ss/v1/park/gw/readings", second.Topic);
        Assert.Equal("two", Encoding.UTF8.GetString(second.Payload.Span));
    }

    [Theory]
    [InlineData(0, 4, (byte)0x82)] // alias never set on this connection
    [InlineData(9, 9, (byte)0x94)] // alias above our Topic Alias Maximum of 8
    public async Task Receive_BadTopicAlias_ClientDisconnectsWithReasonCode(int setAlias, int useAlias, byte expected)
    {
        await using var broker = new ScriptedBroker();
        using var cts = new CancellationTokenSource(Timeout);
        var options = Options(broker);
        options.Reconnect.Enabled = false;
        await using var client = MqttClientFactory.Create(options);
        await HandshakeAsync(broker, client, cts.Token);

        if (setAlias != 0)
        {
            await broker.SendAsync(Publish("a/b", "x", alias: (ushort)setAlias), MqttProtocolVersion.V500, cts.Token);
        }
        else
        {
            await broker.SendAsync(Publish("", "x", alias: (ushort)useAlias), MqttProtocolVersion.V500, cts.Token);
        }

        var disconnect = Assert.IsType<DisconnectPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        Assert.Equal(expected, (byte)disconnect.ReasonCode);
        Assert.Null(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token)); // and then the socket closes
    }

    [Fact]
    public async Task Receive_MalformedPacketFromBroker_DisconnectWithMalformedPacketAndReconnect()
    {
        await using var broker = new ScriptedBroker();
        using var cts = new CancellationTokenSource(Timeout);
        await using var client = MqttClientFactory.Create(Options(broker));
        await HandshakeAsync(broker, client, cts.Token);

        // PUBLISH whose topic is invalid UTF-8.
        await broker.SendRawAsync(Convert.FromHexString("30050002C32800"), cts.Token);
        var disconnect = Assert.IsType<DisconnectPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        Assert.Equal(MqttReasonCode.MalformedPacket, disconnect.ReasonCode);

        await broker.AcceptAsync(cts.Token); // the client comes back by itself
        Assert.IsType<ConnectPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
    }

    [Fact]
    public async Task Receive_OversizedPacketAnnounced_DisconnectWithPacketTooLarge()
    {
        await using var broker = new ScriptedBroker();
        using var cts = new CancellationTokenSource(Timeout);
        var options = Options(broker);
        options.MaximumPacketSize = 1024;
        options.Reconnect.Enabled = false;
        await using var client = MqttClientFactory.Create(options);
        await HandshakeAsync(broker, client, cts.Token);

        // Only the header of a 100 MB PUBLISH: the client must refuse before buffering anything.
        await broker.SendRawAsync(Convert.FromHexString("3080808030"), cts.Token);
        var disconnect = Assert.IsType<DisconnectPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));

        Assert.Equal(MqttReasonCode.PacketTooLarge, disconnect.ReasonCode);
    }

    [Fact]
    public async Task Receive_QoS2DuplicateAfterPubRec_NotDeliveredTwice()
    {
        await using var broker = new ScriptedBroker();
        using var cts = new CancellationTokenSource(Timeout);
        await using var client = MqttClientFactory.Create(Options(broker));
        await HandshakeAsync(broker, client, cts.Token);
        var publish = new PublishPacket { Topic = "q2", QoS = MqttQualityOfService.ExactlyOnce, PacketId = 7, Payload = [1] };

        await broker.SendAsync(publish, MqttProtocolVersion.V500, cts.Token);
        var message = await client.Messages.ReadAsync(cts.Token);
        await message.AckAsync(cts.Token);
        var pubRec = Assert.IsType<PubAckPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        publish.Dup = true;
        await broker.SendAsync(publish, MqttProtocolVersion.V500, cts.Token); // the broker did not see our PUBREC and resends
        var pubRecAgain = Assert.IsType<PubAckPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        await broker.SendAsync(new PubAckPacket(MqttPacketType.PubRel) { PacketId = 7 }, MqttProtocolVersion.V500, cts.Token);
        var pubComp = Assert.IsType<PubAckPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));

        Assert.Equal(MqttPacketType.PubRec, pubRec.Type);
        Assert.Equal(MqttPacketType.PubRec, pubRecAgain.Type);
        Assert.Equal(MqttPacketType.PubComp, pubComp.Type);
        Assert.True(await message.AcknowledgementCompleted.WaitAsync(cts.Token));
        Assert.False(client.Messages.TryRead(out _));
    }

    [Fact]
    public async Task Publish_QoS2SessionLostAfterPubRec_PubRelSentAgainAndNotFoundCompletesAsDelivered()
    {
        await using var broker = new ScriptedBroker();
        using var cts = new CancellationTokenSource(Timeout);
        await using var client = MqttClientFactory.Create(Options(broker));
        await HandshakeAsync(broker, client, cts.Token);

        var publishing = client.PublishAsync(new MqttApplicationMessage { Topic = "q2/out", Payload = new byte[] { 42 }, QualityOfService = MqttQualityOfService.ExactlyOnce }, cts.Token);
        var publish = Assert.IsType<PublishPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        await broker.SendAsync(new PubAckPacket(MqttPacketType.PubRec) { PacketId = publish.PacketId }, MqttProtocolVersion.V500, cts.Token);
        var pubRel = Assert.IsType<PubAckPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        Assert.Equal(MqttPacketType.PubRel, pubRel.Type);

        // The connection drops before PUBCOMP and the broker comes back without the session.
        broker.Drop();
        await broker.AcceptAsync(cts.Token);
        Assert.IsType<ConnectPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        await broker.SendAsync(new ConnAckPacket { SessionPresent = false }, MqttProtocolVersion.V500, cts.Token);

        // The PUBREL goes again (not the PUBLISH: the broker took the message at PUBREC), and "no such flow" ends it.
        var again = Assert.IsType<PubAckPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, cts.Token));
        Assert.Equal(MqttPacketType.PubRel, again.Type);
        Assert.Equal(publish.PacketId, again.PacketId);
        Assert.False(publishing.IsCompleted);
        await broker.SendAsync(new PubAckPacket(MqttPacketType.PubComp) { PacketId = publish.PacketId, ReasonCode = MqttReasonCode.PacketIdentifierNotFound }, MqttProtocolVersion.V500, cts.Token);

        var result = await publishing.WaitAsync(cts.Token);
        Assert.True(result.IsSuccess);
    }

    private static MqttClientOptions Options(ScriptedBroker broker) => new()
    {
        Host = "127.0.0.1",
        Port = broker.Port,
        ClientId = "scripted",
        TopicAliasMaximum = 8,
        KeepAliveSeconds = 0,
        Reconnect = new MqttReconnectOptions { MinDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(100) },
    };

    private static async Task<ConnectPacket> HandshakeAsync(ScriptedBroker broker, IMqttClient client, CancellationToken ct)
    {
        var connecting = client.ConnectAsync(ct);
        await broker.AcceptAsync(ct);
        var connect = Assert.IsType<ConnectPacket>(await broker.ReceiveAsync(MqttProtocolVersion.V500, ct));
        await broker.SendAsync(new ConnAckPacket(), MqttProtocolVersion.V500, ct);
        await connecting;
        return connect;
    }

    private static PublishPacket Publish(string topic, string payload, ushort alias)
    {
        var p = new PublishPacket { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload) };
        p.Properties.TopicAlias = alias;
        return p;
    }
}
