using System.Text;
using SmartSensors.Mqtt.Packets;
using SmartSensors.Testing.Mosquitto;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>The client against a real mosquitto broker: QoS both ways, retained, properties, subscription options.</summary>
public sealed class MqttClientTests : IAsyncLifetime
{
    private MosquittoFixture _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoFixture.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task PublishAsync_EachQoS_DeliveredToSubscriberAndAcknowledged(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker, version));
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker, version));
        var granted = await subscriber.SubscribeAsync("test/qos", qos);
        Assert.Equal((MqttReasonCode)(int)qos, Assert.Single(granted.ReasonCodes));

        var result = await publisher.PublishAsync("test/qos", $"hello {qos}", qos);
        var received = await subscriber.ReceiveAsync();
        await received.AckAsync();

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        Assert.Equal("test/qos", received.Topic);
        Assert.Equal($"hello {qos}", received.Text());
        Assert.Equal(qos, received.QualityOfService);
        Assert.True(received.IsAcknowledged);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task SubscribeAsync_RetainedMessageExists_DeliveredWithRetainFlag(MqttProtocolVersion version)
    {
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker, version));
        await publisher.PublishAsync("ss/v1/site/gw/status", "online", MqttQualityOfService.AtLeastOnce, retain: true);
        await using var late = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker, version));

        await late.SubscribeAsync("ss/v1/+/+/status");
        var received = await late.ReceiveAsync();

        Assert.True(received.Retain);
        Assert.Equal("online", received.Text());
        Assert.Equal("ss/v1/site/gw/status", received.Topic);
    }

    [Fact]
    public async Task PublishAsync_V5Properties_ArriveAtSubscriber()
    {
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await subscriber.SubscribeAsync("props/#");
        var message = new MqttApplicationMessage
        {
            Topic = "props/a",
            Payload = Encoding.UTF8.GetBytes("{\"v\":1}"),
            PayloadIsUtf8 = true,
            ContentType = "application/senml+json",
            ResponseTopic = "props/reply",
            CorrelationData = new byte[] { 1, 2, 3, 4 },
            MessageExpiryInterval = 3600,
            UserProperties = [new("gateway", "gw-1"), new("seq", "17"), new("seq", "18")],
        };

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        await publisher.PublishAsync(message, cts.Token);
        var received = await subscriber.ReceiveAsync();

        Assert.True(received.PayloadIsUtf8);
        Assert.Equal("application/senml+json", received.ContentType);
        Assert.Equal("props/reply", received.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, received.CorrelationData.ToArray());
        Assert.NotNull(received.MessageExpiryInterval);
        Assert.InRange(received.MessageExpiryInterval!.Value, 3590u, 3600u);
        Assert.Equal(message.UserProperties, received.UserProperties);
    }

    [Fact]
    public async Task SubscribeAsync_NoLocal_OwnPublicationsNotReceived()
    {
        await using var client = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await using var other = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        await client.SubscribeAsync([new MqttSubscription { TopicFilter = "nolocal/t", NoLocal = true }], cts.Token);

        await client.PublishAsync("nolocal/t", "mine");
        await other.PublishAsync("nolocal/t", "theirs");
        var received = await client.ReceiveAsync();

        Assert.Equal("theirs", received.Text());
    }

    [Fact]
    public async Task SubscribeAsync_RetainHandlingAndRetainAsPublished_Honoured()
    {
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await publisher.PublishAsync("rh/a", "retained-a", retain: true);
        await using var client = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);

        await client.SubscribeAsync([new MqttSubscription { TopicFilter = "rh/a", RetainHandling = MqttRetainHandling.DoNotSend, RetainAsPublished = true }], cts.Token);
        await publisher.PublishAsync("rh/a", "live", retain: true);
        var received = await client.ReceiveAsync();

        // The retained "retained-a" was not sent on subscribe; the live message keeps its retain flag (retain-as-published).
        Assert.Equal("live", received.Text());
        Assert.True(received.Retain);
    }

    [Fact]
    public async Task Connect_MaximumPacketSize_BrokerDoesNotSendLargerMessages()
    {
        var options = MqttTestClient.Options(_broker);
        options.MaximumPacketSize = 1024;
        await using var small = await MqttTestClient.ConnectAsync(options);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await small.SubscribeAsync("mps/#");

        await publisher.PublishAsync("mps/big", new string('x', 4000));
        await publisher.PublishAsync("mps/small", "fits");
        var received = await small.ReceiveAsync();

        Assert.Equal("mps/small", received.Topic);
    }

    [Fact]
    public async Task PublishAsync_InsideConsumerLoopWithReceiveMaximumOne_DoesNotDeadlock()
    {
        var options = MqttTestClient.Options(_broker);
        options.ReceiveMaximum = 1;
        await using var worker = await MqttTestClient.ConnectAsync(options);
        await using var source = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await worker.SubscribeAsync("loop/in");
        await source.SubscribeAsync("loop/out");
        const int count = 50;

        var consumer = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var m = await worker.ReceiveAsync();
                // Publish and wait for the PUBACK from inside the consumer, before acknowledging the inbound message.
                var r = await worker.PublishAsync("loop/out", m.Text());
                Assert.True(r.IsSuccess);
                await m.AckAsync();
            }
        });
        for (var i = 0; i < count; i++)
        {
            await source.PublishAsync("loop/in", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await consumer.WaitAsync(MqttTestClient.Timeout);
        var echoed = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var m = await source.ReceiveAsync();
            echoed.Add(m.Text());
            await m.AckAsync();
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), echoed);
    }

    [Fact]
    public async Task AckAsync_OutOfOrder_PubAcksLeaveInArrivalOrder()
    {
        var tap = new TappedTransportFactory();
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker), tap);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await subscriber.SubscribeAsync("order/t");
        var messages = new List<MqttReceivedMessage>();
        for (var i = 0; i < 4; i++)
        {
            await publisher.PublishAsync("order/t", $"m{i}");
        }

        for (var i = 0; i < 4; i++)
        {
            messages.Add(await subscriber.ReceiveAsync());
        }

        // Acknowledge 3, 1, 2 — nothing may be sent before message 0 is acknowledged.
        await messages[3].AckAsync();
        await messages[1].AckAsync();
        await messages[2].AckAsync();
        Assert.DoesNotContain(tap.WrittenPackets(MqttProtocolVersion.V500), p => p.Type == MqttPacketType.PubAck);
        await messages[0].AckAsync();
        await subscriber.PublishAsync("order/flush", "x"); // a round trip: the PUBACKs are on the wire before its PUBACK returns

        var acks = tap.WrittenPackets(MqttProtocolVersion.V500).Where(p => p.Type == MqttPacketType.PubAck).Select(p => p.PacketId).ToList();
        var arrival = tap.WrittenPackets(MqttProtocolVersion.V500).Count(p => p.Type == MqttPacketType.PubAck);
        Assert.Equal(4, arrival);
        Assert.Equal(acks.Order().ToList(), acks); // mosquitto numbers its PUBLISHes to us 1, 2, 3, 4 in sending order
    }

    [Theory]
    [InlineData(MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttQualityOfService.ExactlyOnce)]
    public async Task AcknowledgementCompleted_AfterAck_TrueOnceFinalAcknowledgementWritten(MqttQualityOfService qos)
    {
        var final = qos == MqttQualityOfService.AtLeastOnce ? MqttPacketType.PubAck : MqttPacketType.PubComp;
        var tap = new TappedTransportFactory();
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker), tap);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await subscriber.SubscribeAsync("done/t", qos);
        await publisher.PublishAsync("done/t", "x", qos);
        var message = await subscriber.ReceiveAsync();
        Assert.False(message.AcknowledgementCompleted.IsCompleted);

        await message.AckAsync();
        var completed = await message.AcknowledgementCompleted.WaitAsync(MqttTestClient.Timeout);
        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        await subscriber.DisconnectAsync(cts.Token); // DISCONNECT queues behind the final acknowledgement

        Assert.True(completed);
        var written = tap.WrittenPackets(MqttProtocolVersion.V500).Select(p => p.Type).ToList();
        Assert.True(written.IndexOf(final) >= 0 && written.IndexOf(final) < written.IndexOf(MqttPacketType.Disconnect), string.Join(",", written));
    }

    [Fact]
    public async Task Messages_SlowConsumer_BoundedByReceiveMaximumAndNothingLost()
    {
        var options = MqttTestClient.Options(_broker);
        options.ReceiveMaximum = 5;
        options.QoS0BufferCapacity = 1;
        await using var slow = await MqttTestClient.ConnectAsync(options);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(_broker));
        await slow.SubscribeAsync("slow/t");
        const int count = 200;
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync("slow/t", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Nothing acknowledged yet: the broker may only have 5 unacknowledged messages out to us.
        var first = new List<MqttReceivedMessage>();
        for (var i = 0; i < 5; i++)
        {
            first.Add(await slow.ReceiveAsync());
        }

        await slow.AssertNothingReceivedAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, slow.Messages.Count);

        var seen = first.Select(m => m.Text()).ToList();
        foreach (var m in first)
        {
            await m.AckAsync();
        }

        while (seen.Count < count)
        {
            var m = await slow.ReceiveAsync();
            // The inbox never holds more than its bound (2 x Receive Maximum + QoS 0 allowance = 11): mosquitto 2.0.11 may
            // over-send past the Receive Maximum after a PUBACK, and the excess then waits in the socket, not in our memory.
            Assert.True(slow.Messages.Count <= 11, $"inbox holds {slow.Messages.Count}");
            seen.Add(m.Text());
            await m.AckAsync();
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public async Task PublishAsync_NotConnectedFailFast_ThrowsNotConnected()
    {
        var options = MqttTestClient.Options(_broker);
        options.DisconnectedPublishPolicy = MqttDisconnectedPublishPolicy.FailFast;
        await using var client = MqttClientFactory.Create(options);

        await Assert.ThrowsAsync<MqttNotConnectedException>(() => client.PublishAsync("t", "x"));
    }

    [Fact]
    public async Task PublishAsync_BrokerDownWaitPolicy_ThrowsAfterBound()
    {
        var options = MqttTestClient.Options(_broker);
        options.DisconnectedPublishTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = await MqttTestClient.ConnectAsync(options);
        var lost = new TaskCompletionSource();
        client.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.WaitingToReconnect)
            {
                lost.TrySetResult();
            }
        };

        await _broker.KillAsync();
        await lost.Task.WaitAsync(MqttTestClient.Timeout);

        await Assert.ThrowsAsync<MqttNotConnectedException>(() => client.PublishAsync("t", "x"));
    }

    [Fact]
    public async Task ConnectAsync_NoBrokerAndReconnectDisabled_ThrowsConnectException()
    {
        var options = MqttTestClient.Options(_broker);
        options.Reconnect.Enabled = false;
        await _broker.KillAsync();
        await using var client = MqttClientFactory.Create(options);

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(cts.Token));

        Assert.Equal(MqttReasonCode.ServerUnavailable, ex.ReasonCode);
        Assert.Equal(MqttConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task Options_Invalid_RefusedNamingTheSetting()
    {
        var options = MqttTestClient.Options(_broker);
        options.ReceiveMaximum = 0;

        var ex = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => MqttClientFactory.Create(options));

        Assert.Contains("Mqtt:ReceiveMaximum", ex.Message);
        await Task.CompletedTask;
    }
}
