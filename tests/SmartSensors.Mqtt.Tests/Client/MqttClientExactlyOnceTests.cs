using SmartSensors.Testing.Mosquitto;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>
/// Caller-managed QoS 2 (<see cref="IMqttClient.PublishUntilReceivedAsync"/> / <see cref="IMqttClient.ReleaseAsync"/>)
/// against a real mosquitto: a flow started by one client process and finished by the next one, in the same broker
/// session, reaches a subscriber exactly once. Each test counts what a subscriber received up to an end marker published
/// after the flow, so a duplicate fails it without waiting for a quiet period.
/// </summary>
public sealed class MqttClientExactlyOnceTests
{
    private const string Topic = "eo/readings";
    private const ushort PacketId = 5;

    [Fact]
    public async Task PublishUntilReceived_NextProcessSendsItAgainWithDup_SubscriberReceivesItOnce()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var subscriber = await SubscribeAsync(broker);

        // First process: the broker took the message (PUBREC), then the process died before it recorded that.
        await using (var first = await MqttTestClient.ConnectAsync(GatewayOptions(broker)))
        {
            var received = await first.PublishUntilReceivedAsync(Message("pack 1"), PacketId, resend: false, Cancel());
            Assert.True(received.IsSuccess, received.ReasonCode.ToString());
        }

        // Next process: it only knows the PUBLISH may have been sent, so it sends it again (DUP, same identifier).
        await using var second = await MqttTestClient.ConnectAsync(GatewayOptions(broker));
        var again = await second.PublishUntilReceivedAsync(Message("pack 1"), PacketId, resend: true, Cancel());
        var completed = await second.ReleaseAsync(Message("pack 1"), PacketId, Cancel());
        await second.PublishAsync(Topic, "end", MqttQualityOfService.ExactlyOnce);

        Assert.True(again.IsSuccess, again.ReasonCode.ToString());
        Assert.True(completed.IsSuccess, completed.ReasonCode.ToString());
        Assert.Equal(["pack 1"], await ReceiveUntilEndAsync(subscriber));
    }

    [Fact]
    public async Task Release_FlowRecordedAsReceivedByEarlierProcess_DeliveredOnceOnPubRel()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var subscriber = await SubscribeAsync(broker);
        await using (var first = await MqttTestClient.ConnectAsync(GatewayOptions(broker)))
        {
            Assert.True((await first.PublishUntilReceivedAsync(Message("pack 2"), PacketId, resend: false, Cancel())).IsSuccess);
        }

        await using var second = await MqttTestClient.ConnectAsync(GatewayOptions(broker));
        var completed = await second.ReleaseAsync(Message("pack 2"), PacketId, Cancel());
        await second.PublishAsync(Topic, "end", MqttQualityOfService.ExactlyOnce);

        Assert.True(completed.IsSuccess, completed.ReasonCode.ToString());
        Assert.Equal(["pack 2"], await ReceiveUntilEndAsync(subscriber));
    }

    [Fact]
    public async Task Release_BrokerLostTheSession_MessagePublishedAgainNotLost()
    {
        // No persistence: a broker restart loses every session, including the QoS 2 message mosquitto held for PUBREL.
        await using var broker = await MosquittoFixture.StartAsync();
        await using (var first = await MqttTestClient.ConnectAsync(GatewayOptions(broker)))
        {
            Assert.True((await first.PublishUntilReceivedAsync(Message("pack 3"), PacketId, resend: false, Cancel())).IsSuccess);
        }

        await broker.RestartAsync();
        await using var subscriber = await SubscribeAsync(broker);
        await using var second = await MqttTestClient.ConnectAsync(GatewayOptions(broker));
        var completed = await second.ReleaseAsync(Message("pack 3"), PacketId, Cancel());
        await second.PublishAsync(Topic, "end", MqttQualityOfService.ExactlyOnce);

        Assert.True(completed.IsSuccess, completed.ReasonCode.ToString());
        Assert.Equal(["pack 3"], await ReceiveUntilEndAsync(subscriber));
    }

    [Fact]
    public async Task PublishUntilReceived_ThenRelease_SameClient_DeliveredOnceAndOwnPublishesUseOtherIdentifiers()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var subscriber = await SubscribeAsync(broker);
        await using var client = await MqttTestClient.ConnectAsync(GatewayOptions(broker));

        // The client's own QoS 1/2 publishes are numbered above the caller's range, so they never collide with it.
        var own = Enumerable.Range(0, 20).Select(i => client.PublishAsync(Topic, $"own {i}", MqttQualityOfService.ExactlyOnce)).ToList();
        var received = await client.PublishUntilReceivedAsync(Message("pack 4"), 1, resend: false, Cancel());
        var completed = await client.ReleaseAsync(Message("pack 4"), 1, Cancel());
        await Task.WhenAll(own);
        await client.PublishAsync(Topic, "end", MqttQualityOfService.ExactlyOnce);

        Assert.True(received.IsSuccess);
        Assert.True(completed.IsSuccess);
        Assert.All(own, t => Assert.True(t.Result.IsSuccess));
        var texts = await ReceiveUntilEndAsync(subscriber);
        Assert.Single(texts, t => t == "pack 4");
        Assert.Equal(21, texts.Count);
    }

    [Fact]
    public async Task PublishUntilReceived_IdentifierOutsideTheReservedRange_Refused()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var client = await MqttTestClient.ConnectAsync(GatewayOptions(broker));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.PublishUntilReceivedAsync(Message("x"), 9, resend: false, Cancel()));
        Assert.Contains("CallerPacketIdentifiers", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishUntilReceivedAsync(
            new MqttApplicationMessage { Topic = Topic, Payload = new byte[1], QualityOfService = MqttQualityOfService.AtLeastOnce }, 1, resend: false, Cancel()));
    }

    private static MqttClientOptions GatewayOptions(MosquittoFixture broker)
    {
        var options = MqttTestClient.Options(broker, clientId: "eo-gateway");
        options.CleanStart = false;
        options.SessionExpirySeconds = 3600;
        options.CallerPacketIdentifiers = 8;
        return options;
    }

    private static async Task<IMqttClient> SubscribeAsync(MosquittoFixture broker)
    {
        var options = MqttTestClient.Options(broker);
        options.AutoAcknowledge = true;
        var client = await MqttTestClient.ConnectAsync(options);
        await client.SubscribeAsync(Topic, MqttQualityOfService.ExactlyOnce);
        return client;
    }

    private static async Task<List<string>> ReceiveUntilEndAsync(IMqttClient subscriber)
    {
        var texts = new List<string>();
        while (true)
        {
            var text = (await subscriber.ReceiveAsync()).Text();
            if (text == "end")
            {
                return texts;
            }

            texts.Add(text);
        }
    }

    private static MqttApplicationMessage Message(string text) => new()
    {
        Topic = Topic,
        Payload = System.Text.Encoding.UTF8.GetBytes(text),
        QualityOfService = MqttQualityOfService.ExactlyOnce,
    };

    private static CancellationToken Cancel() => new CancellationTokenSource(MqttTestClient.Timeout).Token;
}
