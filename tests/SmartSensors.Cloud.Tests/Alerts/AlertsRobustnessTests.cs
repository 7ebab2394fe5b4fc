using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartSensors.Cloud.Tests.Alerts.Infrastructure;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Alerts;

/// <summary>Bad input and failing receivers through the real broker: the role keeps evaluating and every failure is
/// visible.</summary>
public sealed class AlertsRobustnessTests
{
    [Fact]
    public async Task HostileMessages_Skipped_AndTheNextValidReadingStillRaises()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var scratch = new TemporaryDirectory("alerts-hostile");
        await using var listener = await AlertTopicListener.StartAsync(broker);
        var settings = Settings(broker, scratch);
        await using var host = await AlertsTestHost.StartAsync(settings, scratch.Path);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        var readings = Topics.Readings("market", "gw-1");
        await MosquittoPublisher.PublishAsync(broker, readings, Encoding.UTF8.GetBytes("[{\"bn\":"), scratch);
        await MosquittoPublisher.PublishAsync(broker, readings, Encoding.UTF8.GetBytes(new string('[', 100_000)), scratch);
        await MosquittoPublisher.PublishAsync(broker, readings, [0xFF, 0xFE, 0x00, 0x01], scratch);
        await MosquittoPublisher.PublishAsync(broker, readings, [], scratch);
        await MosquittoPublisher.PublishAsync(broker, "ss/v1/MARKET/gw-1/readings", Encoding.UTF8.GetBytes("[]"), scratch);
        // A pack naming another gateway than its topic, and a status naming another gateway.
        await MosquittoPublisher.PublishAsync(broker, readings, SoilPacks.Moisture("market", "gw-2", "bed-1", 1, 5, SoilPacks.WholeSeconds(DateTimeOffset.UtcNow)), scratch);
        await MosquittoPublisher.PublishAsync(broker, Topics.Status("market", "gw-1"), GatewayStatusCodec.Encode(GatewayStatus.Offline("market", "gw-9")), scratch);

        await MosquittoPublisher.PublishAsync(broker, readings, SoilPacks.Moisture("market", "gw-1", "bed-1", 2, 5, SoilPacks.WholeSeconds(DateTimeOffset.UtcNow)), scratch);
        var (topic, payload) = await listener.NextAsync("alert.raised");
        Assert.Equal("ss/v1/alerts/street-operatives/market", topic);
        Assert.Contains("\"gateway\":\"gw-1\"", payload, StringComparison.Ordinal);
        var alert = Assert.Single(host.Store.ListOpen());
        Assert.Equal("gw-1", alert.Gateway);
    }

    [Fact]
    public async Task NotifyRateLimitedThenInvalidNumber_RetriedUntilDeliveredAndRefusalVisible()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        using var scratch = new TemporaryDirectory("alerts-notify");
        await using var notify = await NotifyStandIn.StartAsync();
        notify.RateLimitNext(2);
        notify.InvalidRecipient = "+447700900999";
        var settings = Settings(broker, scratch);
        settings["Alerts:Audiences:street-operatives:Sms:0"] = "+447700900123";
        settings["Alerts:Audiences:street-operatives:Sms:1"] = "+447700900999";
        settings["Alerts:Notify:BaseUrl"] = notify.BaseUrl.AbsoluteUri;
        settings["Alerts:Notify:ApiKey"] = notify.ApiKey;
        settings["Alerts:Notify:SmsTemplateId"] = Guid.NewGuid().ToString();
        settings["Alerts:Notify:EmailTemplateId"] = Guid.NewGuid().ToString();
        await using var host = await AlertsTestHost.StartAsync(settings, scratch.Path, withApi: true);
        await host.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        await MosquittoPublisher.PublishAsync(broker, Topics.Readings("market", "gw-1"), SoilPacks.Moisture("market", "gw-1", "bed-1", 1, 5, SoilPacks.WholeSeconds(DateTimeOffset.UtcNow)), scratch);
        var delivered = await notify.NextAsync();
        Assert.Equal("+447700900123", delivered.Recipient);

        using var http = host.Client();
        var store = host.Store;
        await Poll.UntilAsync(
            () => Task.FromResult(store.FailedNotifications(10).Count == 1 && store.Counts().Pending == 0),
            TimeSpan.FromSeconds(30),
            () => $"{store.Counts()}; refusals: {string.Join(" | ", notify.Refusals)}");
        var failed = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/notifications/failed", UriKind.Relative));
        var entry = Assert.Single(failed.EnumerateArray());
        Assert.Contains("+447700900999", entry.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Contains("400", entry.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var sent = store.Notifications(null, 100).Single(n => n.Entry.Target == "+447700900123");
        Assert.True(sent.Attempts >= 2, $"rate-limited attempts are retried ({sent.Attempts} attempts)");
        Assert.Single(notify.Accepted);
    }

    [Fact]
    public async Task Start_BadAudienceSettings_RefusedWithMessagesNamingTheSettings()
    {
        using var scratch = new TemporaryDirectory("alerts-options");
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:StorePath"] = scratch.File("alerts.db"),
            ["Alerts:Audiences:Ops Team:Categories:0"] = "floods",
            ["Alerts:Audiences:operators:Categories:0"] = "device-health",
            ["Alerts:Audiences:operators:Webhooks:0:Url"] = "ftp://example/hook",
            ["Alerts:Audiences:operators:Webhooks:0:Secret"] = "short",
            ["Alerts:Watering:Threshold"] = "150",
            ["Alerts:Notify:ApiKey"] = "not-a-key",
        };

        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => AlertsTestHost.StartAsync(settings, scratch.Path));
        var all = string.Join("\n", error.Failures);
        Assert.Contains("Alerts:Audiences:Ops Team", all, StringComparison.Ordinal);
        Assert.Contains("'floods'", all, StringComparison.Ordinal);
        Assert.Contains("Alerts:Audiences:operators:Webhooks:0:Url", all, StringComparison.Ordinal);
        Assert.Contains("Alerts:Audiences:operators:Webhooks:0:Secret", all, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(MosquittoFixture broker, TemporaryDirectory scratch) => new()
    {
        ["Mqtt:Host"] = broker.Host,
        ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Alerts:StorePath"] = scratch.File("alerts.db"),
        ["Alerts:ClientId"] = "ss-alerts-" + Guid.NewGuid().ToString("N")[..8],
        ["Alerts:EvaluationInterval"] = "00:00:00.100",
        ["Alerts:Watering:Sustain"] = "00:00:00",
        ["Alerts:Outbox:MinRetryDelay"] = "00:00:00.050",
        ["Alerts:Outbox:MaxRetryDelay"] = "00:00:00.200",
        ["Alerts:Round:Enabled"] = "false",
        ["Alerts:Audiences:street-operatives:Categories:0"] = "watering",
    };
}
