using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Tests.Alerts.Cap;
using SmartSensors.Cloud.Tests.Alerts.Infrastructure;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Alerts;

/// <summary>Flood, device-health, acknowledgement, retries and the watering round through a real mosquitto and the
/// running host's HTTP endpoints.</summary>
public sealed class AlertsDeliveryTests
{
    private const string WebhookSecret = "resilience-secret-0123456789";

    [Fact]
    public async Task RiverRisingThenSilent_CapFeedValidAndSilentSensorIsSevere()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var scratch = new TemporaryDirectory("alerts-flood");
        await using var listener = await AlertTopicListener.StartAsync(broker);
        var clock = new FlowingClock(DateTimeOffset.UtcNow);
        await using var hook = await WebhookReceiver.StartAsync(WebhookSecret, clock);
        var settings = Base(broker, scratch);
        settings["Alerts:Flood:SilentAfter"] = "00:15:00";
        settings["Alerts:Flood:Stations:0:Site"] = "riverside";
        settings["Alerts:Flood:Stations:0:AlertLevel"] = "1.0";
        settings["Alerts:Flood:Stations:0:WarningLevel"] = "1.5";
        settings["Alerts:Flood:Stations:0:SevereLevel"] = "2.0";
        settings["Alerts:Audiences:resilience-forum:Categories:0"] = "flood";
        settings["Alerts:Audiences:resilience-forum:Webhooks:0:Url"] = hook.Url.AbsoluteUri;
        settings["Alerts:Audiences:resilience-forum:Webhooks:0:Secret"] = WebhookSecret;
        settings["Alerts:Cap:Sender"] = "flood@council.example.gov.uk";
        await using var host = await AlertsTestHost.StartAsync(settings, scratch.Path, clock);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        // The gateway's birth message carries its location (for the CAP area).
        var birth = GatewayStatusCodec.Encode(new GatewayStatus(GatewayState.Online, "riverside", "gw-river", "1.0", DateTimeOffset.UtcNow, [], new GatewayLocation(53.046, -2.993)));
        await MosquittoPublisher.PublishAsync(broker, Topics.Status("riverside", "gw-river"), birth, scratch);
        var start = SoilPacks.WholeSeconds(clock.GetUtcNow() - TimeSpan.FromMinutes(30));
        var levels = new[] { 0.8, 1.1, 1.6, 2.2 };
        var packs = levels.Select((level, i) => GatewayPackEncoder.Encode(new GatewayPack("gw-river", "riverside", i + 1, [Reading.Of("level-1", Quantities.Level, level, start.AddMinutes(5 * i))]))).ToList();
        await MosquittoPublisher.WaitAsync(MosquittoPublisher.StartStream(broker, Topics.Readings("riverside", "gw-river"), packs, scratch), TimeSpan.FromSeconds(60));

        var raised = await hook.NextAsync("alert.raised");
        Assert.True(raised.SignatureValid);
        var updates = new List<ReceivedWebhook> { await hook.NextAsync("alert.updated"), await hook.NextAsync("alert.updated") };
        Assert.Contains("\"severity\":\"extreme\"", updates[^1].Body, StringComparison.Ordinal);
        Assert.Contains("Severe Flood Warning", updates[^1].Body, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var feed = XDocument.Parse(await http.GetStringAsync(new Uri("/alerts/cap.atom", UriKind.Relative)));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        XNamespace cap = "urn:oasis:names:tc:emergency:cap:1.2";
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        var message = entry.Element(atom + "content")!.Elements().Single();
        CapWriterTests.Validate(message);
        Assert.Equal("Update", message.Element(cap + "msgType")!.Value);
        Assert.Equal("Extreme", message.Descendants(cap + "severity").Single().Value);
        Assert.Equal("53.046,-2.993 0.1", message.Descendants(cap + "circle").Single().Value);
        var single = XElement.Parse(await http.GetStringAsync(new Uri(entry.Element(atom + "link")!.Attribute("href")!.Value)));
        CapWriterTests.Validate(single);

        // Silent while high: 15 minutes after the last reading (cloud clock), the sensor itself is a severe alert.
        clock.Advance(TimeSpan.FromMinutes(16));
        var silent = await hook.NextAsync("alert.raised");
        using var silentBody = JsonDocument.Parse(silent.Body);
        Assert.Equal("flood-silent", silentBody.RootElement.GetProperty("alert").GetProperty("rule").GetString());
        Assert.Equal("severe", silentBody.RootElement.GetProperty("alert").GetProperty("severity").GetString());
        var (topic, _) = await listener.NextAsync("flood-silent");
        Assert.Equal("ss/v1/alerts/resilience-forum/riverside", topic);
    }

    [Fact]
    public async Task GatewayWillOfflineThenBackOnline_OperatorsToldRaisedThenResolved()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var scratch = new TemporaryDirectory("alerts-offline");
        await using var listener = await AlertTopicListener.StartAsync(broker);
        var settings = Base(broker, scratch);
        settings["Alerts:DeviceHealth:OfflineGrace"] = "00:00:00";
        await using var host = await AlertsTestHost.StartAsync(settings, scratch.Path);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        // A gateway (mosquitto_sub, a separate client) announces itself online and connects with its will — the
        // retained offline status — then dies without DISCONNECT (SIGKILL): the broker publishes the will.
        await MosquittoPublisher.PublishAsync(broker, Topics.Status("park", "gw-park-1"),
            GatewayStatusCodec.Encode(new GatewayStatus(GatewayState.Online, "park", "gw-park-1", "1.0", DateTimeOffset.UtcNow, [])), scratch);
        var willFile = scratch.File("will.json");
        await File.WriteAllBytesAsync(willFile, GatewayStatusCodec.Encode(GatewayStatus.Offline("park", "gw-park-1")));
        var gateway = ChildProcess.Start(
            RequiredTool.Find("mosquitto_sub", "mosquitto-clients"),
            ["-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-i", "gw-park-1", "-t", "ss/v1/park/gw-park-1/config", "-v",
             "--will-topic", Topics.Status("park", "gw-park-1"), "--will-payload", await File.ReadAllTextAsync(willFile), "--will-retain", "--will-qos", "1"],
            "mosquitto_sub gateway with will");
        await using (gateway)
        {
            await Poll.UntilAsync(() => Task.FromResult(broker.RecentOutput.Contains("as gw-park-1", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), () => broker.RecentOutput);
            await gateway.KillAsync();
        }

        var (topic, payload) = await listener.NextAsync("\"rule\":\"gateway-offline\"");
        Assert.Equal("ss/v1/alerts/operators/park", topic);
        Assert.Contains("alert.raised", payload, StringComparison.Ordinal);

        await MosquittoPublisher.PublishAsync(broker, Topics.Status("park", "gw-park-1"),
            GatewayStatusCodec.Encode(new GatewayStatus(GatewayState.Online, "park", "gw-park-1", "1.0", DateTimeOffset.UtcNow, [])), scratch);
        var (_, resolved) = await listener.NextAsync("alert.resolved");
        Assert.Contains("gateway-offline", resolved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflineSessionQueueOverflows_OperatorsToldBrokerDroppedReadings()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { MaxQueuedMessages = 5, ExtraConfiguration = "sys_interval 1" });
        using var scratch = new TemporaryDirectory("alerts-broker-drops");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The broker's dropped counter is published (retained) before the alerts role subscribes, so the role's first
        // sight of it is the baseline 0 and not a later total.
        await using (var watcher = await ConnectAsync(broker, "sys-watcher-", cleanStart: true, timeout.Token))
        {
            await watcher.SubscribeAsync([new MqttSubscription { TopicFilter = AlertSubscriber.BrokerDroppedTopic }], timeout.Token);
            var baseline = await watcher.Messages.ReadAsync(timeout.Token);
            Assert.Equal("0", Encoding.UTF8.GetString(baseline.Payload.Span));
        }

        await using var listener = await AlertTopicListener.StartAsync(broker);
        await using var host = await AlertsTestHost.StartAsync(Base(broker, scratch), scratch.Path);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        // A persistent session with a QoS 1 subscription (like the cloud ingest's) goes offline...
        await using (var offline = await ConnectAsync(broker, "ingest-", cleanStart: false, timeout.Token))
        {
            await offline.SubscribeAsync([new MqttSubscription { TopicFilter = "backlog/readings", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }], timeout.Token);
            await offline.DisconnectAsync(timeout.Token);
        }

        // ... and more QoS 1 messages arrive for it than the broker queues (max_queued_messages 5): each was
        // acknowledged to its publisher, and the broker discards the rest.
        await using (var publisher = await ConnectAsync(broker, "gateway-", cleanStart: true, timeout.Token))
        {
            for (var i = 0; i < 20; i++)
            {
                var result = await publisher.PublishAsync(
                    new MqttApplicationMessage { Topic = "backlog/readings", Payload = Encoding.UTF8.GetBytes($"reading {i}"), QualityOfService = MqttQualityOfService.AtLeastOnce },
                    timeout.Token);
                Assert.True((byte)result.ReasonCode < 0x80, $"publish {i} refused: {result.ReasonCode}");
            }
        }

        var (topic, payload) = await listener.NextAsync("\"rule\":\"broker-dropped\"");
        Assert.Equal("ss/v1/alerts/operators/broker", topic);
        Assert.Contains("alert.raised", payload, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"severe\"", payload, StringComparison.Ordinal);
        Assert.Contains("readings were lost", payload, StringComparison.Ordinal);
        Assert.Contains("max_queued_messages", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokerDeniesSysTopics_SubscriberCarriesOnAndReadingsStillRaiseAlerts()
    {
        // Anonymous clients may use ss/v1/# only, so the $SYS dropped counter is denied to the alerts role (mosquitto 2.0
        // grants the subscription and withholds the messages; a broker that refuses it in the SUBACK is logged once).
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Acl = "topic readwrite ss/v1/#\n" });
        using var scratch = new TemporaryDirectory("alerts-sys-denied");
        await using var listener = await AlertTopicListener.StartAsync(broker);
        var settings = Base(broker, scratch);
        settings["Alerts:Watering:Sustain"] = "00:00:00";
        await using var host = await AlertsTestHost.StartAsync(settings, scratch.Path);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        var captured = SoilPacks.WholeSeconds(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1));
        await MosquittoPublisher.PublishAsync(broker, Topics.Readings("queens-square", "gw-beds-1"), SoilPacks.Moisture("queens-square", "gw-beds-1", "bed-3", 1, 12, captured), scratch);
        var (topic, payload) = await listener.NextAsync("\"rule\":\"watering\"");
        Assert.Equal("ss/v1/alerts/street-operatives/queens-square", topic);
        Assert.Contains("alert.raised", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnacknowledgedBed_RenotifiedUntilAcknowledgedWebhookRetriedWithSameKeyAndMorningRoundSentOnce()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var scratch = new TemporaryDirectory("alerts-ack");
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, london).Date;
        var sixAm = new DateTimeOffset(today.AddHours(6), london.GetUtcOffset(today.AddHours(6)));
        var clock = new FlowingClock(sixAm);
        await using var hook = await WebhookReceiver.StartAsync(WebhookSecret, clock);
        var settings = Base(broker, scratch);
        settings["Alerts:RenotifyAfter"] = "02:00:00";
        settings["Alerts:Round:Enabled"] = "true";
        settings["Alerts:Round:Time"] = "07:00";
        settings["Alerts:Audiences:street-operatives:Categories:0"] = "watering";
        settings["Alerts:Audiences:street-operatives:Mqtt"] = "false";
        settings["Alerts:Audiences:street-operatives:Webhooks:0:Url"] = hook.Url.AbsoluteUri;
        settings["Alerts:Audiences:street-operatives:Webhooks:0:Secret"] = WebhookSecret;
        settings["Alerts:Watering:Sustain"] = "00:00:00";
        await using var host = await AlertsTestHost.StartAsync(settings, scratch.Path, clock, withApi: true);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        // The receiver is down for the first attempt: the dispatcher retries with the same idempotency key.
        hook.StatusCode = 503;
        var captured = SoilPacks.WholeSeconds(sixAm - TimeSpan.FromMinutes(10));
        await MosquittoPublisher.PublishAsync(broker, Topics.Readings("queens-square", "gw-beds-1"), SoilPacks.Moisture("queens-square", "gw-beds-1", "bed-3", 1, 12, captured), scratch);
        var firstTry = await hook.NextAsync("alert.raised");
        hook.StatusCode = 200;
        var secondTry = await hook.NextAsync("alert.raised");
        Assert.Equal(firstTry.IdempotencyKey, secondTry.IdempotencyKey);
        Assert.Equal(firstTry.Body, secondTry.Body);
        var alertId = JsonDocument.Parse(secondTry.Body).RootElement.GetProperty("alert").GetProperty("id").GetString()!;

        // The round: on demand now, and once at 07:00 through the audience's webhook.
        using var http = host.Client();
        var round = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/watering-round", UriKind.Relative));
        Assert.Equal("bed-3", round.GetProperty("sites")[0].GetProperty("beds")[0].GetProperty("sensor").GetString());
        clock.Advance(TimeSpan.FromMinutes(61));
        var morning = await hook.NextAsync("watering.round");
        Assert.Contains("bed-3", morning.Body, StringComparison.Ordinal);

        // Unacknowledged for 2 hours: told again.
        clock.Advance(TimeSpan.FromHours(2));
        var reminder = await hook.NextAsync("alert.renotified");
        Assert.Contains(alertId, reminder.Body, StringComparison.Ordinal);

        // Acknowledged: never re-notified again, however long it stays open.
        using var ack = await http.PostAsync(new Uri($"/api/v1/alerts/{alertId}/acknowledge", UriKind.Relative), null);
        ack.EnsureSuccessStatusCode();
        Assert.Equal("alerts-test", (await ack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgedBy").GetString());
        await hook.NextAsync("alert.acknowledged");
        var before = host.Store.Notifications(alertId, 1000).Count;
        clock.Advance(TimeSpan.FromHours(10));
        host.Services.GetRequiredService<AlertTicker>().RunOnce();
        Assert.Equal(before, host.Store.Notifications(alertId, 1000).Count);
        Assert.Single(host.Store.Notifications(null, 1000), n => n.Entry.Key.StartsWith("round:", StringComparison.Ordinal));
    }

    private static async Task<IMqttClient> ConnectAsync(MosquittoFixture broker, string prefix, bool cleanStart, CancellationToken cancellationToken)
    {
        var client = MqttClientFactory.Create(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = prefix + Guid.NewGuid().ToString("N")[..8],
            CleanStart = cleanStart,
            SessionExpirySeconds = cleanStart ? 0u : 3600u,
            AutoAcknowledge = true,
        });
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string?> Base(MosquittoFixture broker, TemporaryDirectory scratch) => new()
    {
        ["Mqtt:Host"] = broker.Host,
        ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Reconnect:MinDelay"] = "00:00:00.200",
        ["Mqtt:Reconnect:MaxDelay"] = "00:00:02",
        ["Alerts:StorePath"] = scratch.File("alerts.db"),
        ["Alerts:ClientId"] = "ss-alerts-" + Guid.NewGuid().ToString("N")[..8],
        ["Alerts:EvaluationInterval"] = "00:00:00.100",
        ["Alerts:DeviceHealth:SensorStaleAfter"] = "7.00:00:00",
        ["Alerts:DeviceHealth:HeartbeatTimeout"] = "7.00:00:00",
        ["Alerts:Outbox:MinRetryDelay"] = "00:00:00.100",
        ["Alerts:Outbox:MaxRetryDelay"] = "00:00:01",
        ["Alerts:Round:Enabled"] = "false",
    };
}
