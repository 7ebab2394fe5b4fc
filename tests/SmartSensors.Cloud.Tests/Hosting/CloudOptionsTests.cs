using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Tests.Infrastructure;

namespace SmartSensors.Cloud.Tests.Hosting;

public sealed class CloudOptionsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["SmartSensors:Roles"] = "ingest",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = "1",
        ["Influx:Url"] = "http://127.0.0.1:1/",
        ["Influx:Database"] = "smartsensors",
        ["Ingest:ClientId"] = "ss-ingest-options-test",
    };

    [Theory]
    [InlineData("Ingest:ReceiveMaximum", "0", "Ingest:ReceiveMaximum")]
    [InlineData("Ingest:SharedGroup", "a/b", "Ingest:SharedGroup")]
    [InlineData("Ingest:SessionExpirySeconds", "5", "Ingest:SessionExpirySeconds")]
    [InlineData("Influx:Url", "", "Influx:Url")]
    [InlineData("Influx:Database", "", "Influx:Database")]
    [InlineData("Influx:Url", "http://writer:secret@127.0.0.1:8086/", "Influx:Url")]
    [InlineData("Influx:Writer:BatchPoints", "0", "Influx:Writer:BatchPoints")]
    [InlineData("Mqtt:Port", "70000", "Mqtt:Port")]
    [InlineData("DeadLetters:MaxCount", "0", "DeadLetters:MaxCount")]
    [InlineData("DeadLetters:MaxAge", "00:00:01", "DeadLetters:MaxAge")]
    [InlineData("Registry:MaxGateways", "0", "Registry:MaxGateways")]
    [InlineData("SmartSensors:Roles", "ingest,bogus", "SmartSensors:Roles")]
    [InlineData("PackDecoder:MaxPayloadBytes", "1", "PackDecoder:MaxPayloadBytes")]
    public async Task StartAsync_InvalidSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CloudTestHost.StartAsync(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WithSecrets_NeverLogsThem()
    {
        const string MqttSecret = "mqtt-pw-7f3a9c";
        const string InfluxSecret = "influx-pw-2b8d41";
        var settings = Valid();
        settings["Mqtt:Username"] = "ingest";
        settings["Mqtt:Password"] = MqttSecret;
        settings["Mqtt:Reconnect:MinDelay"] = "00:00:00.050";
        settings["Influx:Username"] = "writer";
        settings["Influx:Password"] = InfluxSecret;
        var logs = new CapturedLogs();

        await using (var host = await CloudTestHost.StartAsync(settings, logs: logs))
        {
            // Nothing listens on port 1: the ingest connection fails and says so (event 6109: connection state).
            await logs.WaitForEventAsync(id => id == 6109, TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        Assert.NotEmpty(logs.Texts);
        Assert.DoesNotContain(logs.Texts, t => t.Contains(MqttSecret, StringComparison.Ordinal) || t.Contains(InfluxSecret, StringComparison.Ordinal));
    }
}
