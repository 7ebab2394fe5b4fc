using System.Text;
using SmartSensors.Admin.Tests.Support;
using SmartSensors.Mqtt;

namespace SmartSensors.Admin.Tests.Broker;

/// <summary>
/// What the broker lets a provisioned gateway do, with real mosquitto 2.0 running on the tool's password file and the shipped ACL
/// template over TLS: publish under its own ss/v1/{site}/{gateway}/ prefix, nothing else; no login without the tool's credentials.
/// </summary>
public sealed class GatewayBrokerAccessTests : IAsyncLifetime
{
    private const string GatewayA = "queens-square/gw-a";
    private const string GatewayB = "riverside/gw-b";
    private const string GatewayC = "queens-square/gw-c";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private SecuredBroker _bed = null!;

    public async Task InitializeAsync() =>
        _bed = await SecuredBroker.StartAsync(
            [GatewayA, GatewayB, GatewayC],
            ["svc-ingest", "svc-cloud", "svc-config"],
            extraAcl: "# The future remote-configuration publisher, as the template describes it.\nuser svc-config\ntopic write ss/v1/+/+/config");

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Publish_GatewayWithGeneratedCredentials_DeliveredToIngestSharedSubscription()
    {
        await using var ingest = await SecuredBroker.ConnectAsync(_bed.ServiceOptions("svc-ingest", "ingest1"));
        var granted = await ingest.SubscribeAsync([new MqttSubscription { TopicFilter = "$share/ingest/ss/v1/+/+/readings" }], Token());
        Assert.Equal(MqttReasonCode.GrantedQoS1, granted.ReasonCodes[0]);

        var a = _bed.Gateways[GatewayA];
        await using var gateway = await SecuredBroker.ConnectAsync(a.ClientOptions("gwa"));
        var result = await gateway.PublishAsync(Message(a.ReadingsTopic, "pack-1"), Token());

        Assert.Equal(MqttReasonCode.Success, result.ReasonCode);
        var received = await SecuredBroker.ReadUntilMarkerAsync(ingest.Messages, a.ReadingsTopic, "pack-1");
        Assert.Single(received);
    }

    [Theory]
    [InlineData("ss/v1/riverside/gw-b/readings")]              // another gateway at another site
    [InlineData("ss/v1/queens-square/gw-c/readings")]          // another gateway at the same site
    [InlineData("ss/v1/riverside/gw-b/status")]                // another gateway's retained status
    [InlineData("ss/v1/riverside/gw-a/readings")]              // its own gateway id under another site
    [InlineData("ss/v1/alerts/resilience/queens-square")]      // a forged alert
    [InlineData("ss/v1/queens-square/gw-a/readings/extra")]    // below its own prefix but not a contract topic
    public async Task Publish_GatewayOutsideItsOwnPrefix_PubackNotAuthorizedAndNeverDelivered(string forbidden)
    {
        await using var cloud = await SecuredBroker.ConnectAsync(_bed.ServiceOptions("svc-cloud", "cloud1"));
        var granted = await cloud.SubscribeAsync(
            [
                new MqttSubscription { TopicFilter = "ss/v1/+/+/readings" },
                new MqttSubscription { TopicFilter = "ss/v1/+/+/status" },
                new MqttSubscription { TopicFilter = "ss/v1/alerts/+/+" },
                new MqttSubscription { TopicFilter = "ss/v1/+/+/readings/+" },
            ],
            Token());
        Assert.All(granted.ReasonCodes.Take(3), code => Assert.Equal(MqttReasonCode.GrantedQoS1, code));

        var a = _bed.Gateways[GatewayA];
        await using var gateway = await SecuredBroker.ConnectAsync(a.ClientOptions("gwa"));
        var qos1 = await gateway.PublishAsync(Message(forbidden, "spoofed-qos1"), Token());
        var qos0 = await gateway.PublishAsync(Message(forbidden, "spoofed-qos0", MqttQualityOfService.AtMostOnce), Token());
        var retained = await gateway.PublishAsync(new MqttApplicationMessage { Topic = forbidden, Payload = "spoofed-retained"u8.ToArray(), Retain = true }, Token());
        var marker = await gateway.PublishAsync(Message(a.ReadingsTopic, "marker"), Token());

        Assert.Equal(MqttReasonCode.NotAuthorized, qos1.ReasonCode);
        Assert.Equal(MqttReasonCode.NotAuthorized, retained.ReasonCode);
        Assert.Equal(MqttReasonCode.Success, qos0.ReasonCode); // QoS 0 has no answer: the broker drops it silently
        Assert.Equal(MqttReasonCode.Success, marker.ReasonCode);
        var received = await SecuredBroker.ReadUntilMarkerAsync(cloud.Messages, a.ReadingsTopic, "marker");
        Assert.DoesNotContain(received, m => m.Topic == forbidden);
        Assert.Single(received);
        Assert.Equal(MqttConnectionState.Connected, gateway.State); // refused, not disconnected: its own readings still flow
    }

    [Fact]
    public async Task Subscribe_GatewayToEverything_GrantedButReceivesOnlyItsOwnConfiguration()
    {
        // mosquitto 2.0 grants any subscription (SUBACK 0x01) and applies the read ACL to each message it would deliver.
        var a = _bed.Gateways[GatewayA];
        var b = _bed.Gateways[GatewayB];
        await using var gateway = await SecuredBroker.ConnectAsync(a.ClientOptions("gwa"));
        var result = await gateway.SubscribeAsync(
            [
                new MqttSubscription { TopicFilter = "#" },
                new MqttSubscription { TopicFilter = "ss/v1/+/+/readings" },
                new MqttSubscription { TopicFilter = "$share/ingest/ss/v1/+/+/readings" },
            ],
            Token());
        Assert.All(result.ReasonCodes, code => Assert.Equal(MqttReasonCode.GrantedQoS1, code));

        await using var gatewayB = await SecuredBroker.ConnectAsync(b.ClientOptions("gwb"));
        await using var config = await SecuredBroker.ConnectAsync(_bed.ServiceOptions("svc-config", "config1"));
        Assert.Equal(MqttReasonCode.Success, (await gatewayB.PublishAsync(Message(b.ReadingsTopic, "b-readings"), Token())).ReasonCode);
        Assert.Equal(MqttReasonCode.Success, (await config.PublishAsync(Message("ss/v1/riverside/gw-b/config", "b-config"), Token())).ReasonCode);
        Assert.Equal(MqttReasonCode.Success, (await gateway.PublishAsync(Message(a.ReadingsTopic, "a-own-readings"), Token())).ReasonCode);
        Assert.Equal(MqttReasonCode.Success, (await config.PublishAsync(Message("ss/v1/queens-square/gw-a/config", "marker"), Token())).ReasonCode);

        var received = await SecuredBroker.ReadUntilMarkerAsync(gateway.Messages, "ss/v1/queens-square/gw-a/config", "marker");
        Assert.Single(received); // only the marker: not B's readings or configuration, not even its own readings
    }

    [Fact]
    public async Task Connect_WithoutCredentials_RefusedNotAuthorized()
    {
        await using var client = MqttClientFactory.Create(_bed.AnyOptions("anonymous1", null, null));
        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(Token()));
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
    }

    [Fact]
    public async Task Connect_WithWrongPasswordOrAnotherGatewaysPassword_Refused()
    {
        var a = _bed.Gateways[GatewayA];
        var b = _bed.Gateways[GatewayB];
        foreach (var (user, password) in new[] { ("queens-square/gw-a", "not-the-password"), ("queens-square/gw-a", b.Password), ("queens-square/gw-a", a.Password[..^1]), ("nobody/gw-x", a.Password) })
        {
            await using var client = MqttClientFactory.Create(_bed.AnyOptions("wrong1", user, password));
            var refused = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(Token()));
            Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
        }
    }

    private static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfService = qos };

    private CancellationToken Token() => _timeout.Token;
}
