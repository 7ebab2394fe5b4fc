using System.Globalization;
using System.Text.Json;
using SmartSensors.Cloud.Tests.Alerts.Infrastructure;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Alerts;

/// <summary>
/// End to end through a real mosquitto: soil readings published with mosquitto_pub → the alerts role's own
/// subscription → rules → SQLite store and outbox → a signed webhook, GOV.UK Notify SMS and e-mail (checked by a
/// local stand-in of the Notify API) and the MQTT alert topic.
/// </summary>
public sealed class AlertsScenarioTests
{
    private const string Site = "queens-square";
    private const string Gateway = "gw-beds-1";
    private const string Bed = "bed-14";
    private const string WebhookSecret = "webhook-secret-0123456789abcdef";
    private static readonly string SmsTemplate = Guid.NewGuid().ToString();
    private static readonly string EmailTemplate = Guid.NewGuid().ToString();

    [Fact]
    public async Task DryBed_FlappingThenDryAcrossRestart_RaisedOnceDeliveredToEveryChannelAndResolvedOnce()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var scratch = new TemporaryDirectory("alerts-scenario");
        await using var hook = await WebhookReceiver.StartAsync(WebhookSecret);
        await using var notify = await NotifyStandIn.StartAsync();
        await using var listener = await AlertTopicListener.StartAsync(broker);
        var settings = Settings(broker, hook, notify, scratch);
        var start = SoilPacks.WholeSeconds(DateTimeOffset.UtcNow - TimeSpan.FromHours(3));
        var topic = $"ss/v1/{Site}/{Gateway}/readings";
        long sequence = 0;
        byte[] Pack(int minute, double percent) => SoilPacks.Moisture(Site, Gateway, Bed, ++sequence, percent, start.AddMinutes(minute));

        var host = await AlertsTestHost.StartAsync(settings, scratch.Path);
        try
        {
            await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

            // Flapping around 25 % for 30 minutes: never below for the 30-minute sustain, so nothing is raised;
            // then dry for 30 minutes (raised once); then flapping around 25 % again while raised (held by the 5 % hysteresis).
            double[] flap = [24, 26, 24, 26, 24, 26];
            double[] dry = [20, 20, 21, 20, 19, 20, 20];
            double[] flapWhileRaised = [24, 26, 24, 27];
            var payloads = new List<byte[]>();
            var minute = 0;
            foreach (var value in flap.Concat(dry).Concat(flapWhileRaised))
            {
                payloads.Add(Pack(minute, value));
                minute += 5;
            }

            await MosquittoPublisher.WaitAsync(MosquittoPublisher.StartStream(broker, topic, payloads, scratch), TimeSpan.FromSeconds(60));

            var raised = await hook.NextAsync("alert.raised");
            Assert.True(raised.SignatureValid, "the webhook's HMAC-SHA256 signature must verify with the shared secret");
            using var raisedBody = JsonDocument.Parse(raised.Body);
            var alert = raisedBody.RootElement.GetProperty("alert");
            var alertId = alert.GetProperty("id").GetString()!;
            Assert.Equal("watering", alert.GetProperty("rule").GetString());
            Assert.Equal(Site, alert.GetProperty("site").GetString());
            Assert.Equal(Bed, alert.GetProperty("sensor").GetString());
            Assert.Equal(raised.IdempotencyKey, raisedBody.RootElement.GetProperty("key").GetString());

            var (mqttTopic, mqttPayload) = await listener.NextAsync("alert.raised");
            Assert.Equal($"ss/v1/alerts/street-operatives/{Site}", mqttTopic);
            Assert.Contains(alertId, mqttPayload, StringComparison.Ordinal);

            var firstNotify = await notify.NextAsync();
            var secondNotify = await notify.NextAsync();
            var sms = new[] { firstNotify, secondNotify }.Single(r => r.Path.EndsWith("/sms", StringComparison.Ordinal));
            var email = new[] { firstNotify, secondNotify }.Single(r => r.Path.EndsWith("/email", StringComparison.Ordinal));
            Assert.Equal("+447700900123", sms.Recipient);
            Assert.Equal(SmsTemplate, sms.TemplateId);
            Assert.Equal("beds@example.gov.uk", email.Recipient);
            Assert.Equal(EmailTemplate, email.TemplateId);
            Assert.Contains("needs watering", sms.Body.GetProperty("personalisation").GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.StartsWith(alertId, sms.Reference, StringComparison.Ordinal);
            Assert.Empty(notify.Refusals);

            // Restart in the middle of the open alert.
            await host.DisposeAsync();
            host = await AlertsTestHost.StartAsync(settings, scratch.Path);
            await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

            // Still dry (the same alert, nothing new), then watered: resolved.
            await MosquittoPublisher.WaitAsync(
                MosquittoPublisher.StartStream(broker, topic, [Pack(minute, 22), Pack(minute + 5, 45)], scratch),
                TimeSpan.FromSeconds(60));

            var resolved = await hook.NextAsync("alert.resolved");
            Assert.True(resolved.SignatureValid);
            Assert.Contains(alertId, resolved.Body, StringComparison.Ordinal);
            await listener.NextAsync("alert.resolved");
            await notify.NextAsync();
            await notify.NextAsync();

            // Exactly once: the outbox holds raised + resolved for each of the 4 targets, all sent, and no other alert exists.
            // (the receivers have them; the dispatcher marks them sent just after their answer)
            var store = host.Store;
            await Poll.UntilAsync(
                () => Task.FromResult(store.Notifications(alertId, 100).All(n => n.SentAt is not null)),
                TimeSpan.FromSeconds(30),
                () => string.Join("; ", store.Notifications(alertId, 100).Select(n => $"{n.Entry.Key} sent {n.SentAt} failed {n.FailedAt} {n.LastError}")));
            var notifications = store.Notifications(alertId, 100);
            Assert.Equal(8, notifications.Count);
            Assert.Equal(2, notifications.Select(n => n.Entry.Key.Split(':')[1]).Distinct().Count());
            Assert.Empty(host.Store.ListOpen());
            Assert.Equal(["raised", "resolved"], host.Store.History(alertId).Select(e => e.Kind.ToString().ToLowerInvariant()));
            Assert.Equal(2, hook.All.Count);
            Assert.Equal(4, notify.Accepted.Count);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    internal static Dictionary<string, string?> Settings(MosquittoFixture broker, WebhookReceiver hook, NotifyStandIn notify, TemporaryDirectory scratch) => new()
    {
        ["Mqtt:Host"] = broker.Host,
        ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Reconnect:MinDelay"] = "00:00:00.200",
        ["Mqtt:Reconnect:MaxDelay"] = "00:00:02",
        ["Alerts:StorePath"] = scratch.File("alerts.db"),
        ["Alerts:ClientId"] = "ss-alerts-test",
        ["Alerts:EvaluationInterval"] = "00:00:00.200",
        ["Alerts:Watering:Sustain"] = "00:30:00",
        ["Alerts:DeviceHealth:SensorStaleAfter"] = "7.00:00:00",
        ["Alerts:DeviceHealth:HeartbeatTimeout"] = "7.00:00:00",
        ["Alerts:Outbox:MinRetryDelay"] = "00:00:00.100",
        ["Alerts:Outbox:MaxRetryDelay"] = "00:00:01",
        ["Alerts:Round:Enabled"] = "false",
        ["Alerts:Audiences:street-operatives:Categories:0"] = "watering",
        ["Alerts:Audiences:street-operatives:Webhooks:0:Url"] = hook.Url.AbsoluteUri,
        ["Alerts:Audiences:street-operatives:Webhooks:0:Secret"] = WebhookSecret,
        ["Alerts:Audiences:street-operatives:Sms:0"] = "+447700900123",
        ["Alerts:Audiences:street-operatives:Email:0"] = "beds@example.gov.uk",
        ["Alerts:Notify:BaseUrl"] = notify.BaseUrl.AbsoluteUri,
        ["Alerts:Notify:ApiKey"] = notify.ApiKey,
        ["Alerts:Notify:SmsTemplateId"] = SmsTemplate,
        ["Alerts:Notify:EmailTemplateId"] = EmailTemplate,
    };
}
