using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Tests.Alerts.Infrastructure;
using SmartSensors.Cloud.Tests.Api.Infrastructure;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Tests.Api;

/// <summary>Data through the whole system: published over MQTT to the real broker, ingested into the real influxd or
/// turned into alerts, and read back through the API, the live stream and /metrics.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiDataTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ApiServers _servers;

    public ApiDataTests(ApiServers servers) => _servers = servers;

    [Fact]
    public async Task Readings_PublishedOverMqtt_ReadBackAggregatedPerWindowAndAsLatest()
    {
        var site = Site("readings");
        // Ten packs, one second apart, starting on a whole minute: one 1-minute window, two 5-second windows.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - TimeSpan.FromMinutes(10);
        var packs = Enumerable.Range(0, 10).Select(seq => TestPacks.Encode(site, "gw-001", seq, start)).ToList();
        await MosquittoPublisher.WaitAsync(MosquittoPublisher.StartStream(_servers.Broker, Topics.Readings(site, "gw-001"), packs, _servers.Scratch), Timeout);
        using var client = _servers.Host.Client(ApiRoles.Environment);
        var range = $"site={site}&gateway=gw-001&sensor=bme280-1&quantity=temperature&from={Iso(start)}&to={Iso(start.AddMinutes(1))}";
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/readings?{range}&window=1m", UriKind.Relative))).GetProperty("points") is var p
                && p.GetArrayLength() == 1 && p[0].GetProperty("count").GetInt64() == 10,
            Timeout,
            () => "10 temperature readings in InfluxDB");

        var minute = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/readings?{range}&window=1m", UriKind.Relative));
        var fives = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/readings?{range}&window=5s", UriKind.Relative));

        var temperatures = Enumerable.Range(0, 10).Select(seq => TestPacks.Temperature(seq)).ToList();
        Assert.Equal("Cel", minute.GetProperty("unit").GetString());
        Assert.Equal("1m", minute.GetProperty("window").GetString());
        var point = minute.GetProperty("points")[0];
        Assert.Equal(start, point.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(temperatures.Average(), point.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(temperatures.Min(), point.GetProperty("min").GetDouble());
        Assert.Equal(temperatures.Max(), point.GetProperty("max").GetDouble());
        Assert.Equal([5L, 5L], fives.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("count").GetInt64()));
        Assert.Equal(start.AddSeconds(5), fives.GetProperty("points")[1].GetProperty("time").GetDateTimeOffset());

        foreach (var path in new[] { $"/api/v1/readings/latest?site={site}", $"/api/v1/sensors?site={site}" })
        {
            var latest = await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
            Assert.All(latest.EnumerateArray(), r => Assert.Equal(site, r.GetProperty("site").GetString()));
            var temperature = Assert.Single(latest.EnumerateArray(), r => r.GetProperty("quantity").GetString() == "temperature");
            Assert.Equal("bme280-1", temperature.GetProperty("sensor").GetString());
            Assert.Equal(TestPacks.Temperature(9), temperature.GetProperty("value").GetDouble());
            Assert.Equal(start.AddSeconds(9), temperature.GetProperty("time").GetDateTimeOffset());
            var count = Assert.Single(latest.EnumerateArray(), r => r.GetProperty("quantity").GetString() == "count");
            Assert.Equal(9, count.GetProperty("value").GetDouble());
            Assert.Equal(TestPacks.ReadingsPerPack, latest.GetArrayLength());
        }
    }

    [Fact]
    public async Task Gateways_BirthMessage_ListedWithStateInventoryAndSite()
    {
        var site = Site("registry");
        var birth = GatewayStatusCodec.Encode(new GatewayStatus(
            GatewayState.Online, site, "gw-park", "1.4.2", DateTimeOffset.UtcNow,
            [new SensorInventoryItem("bme280-1", "bme280", SensorKind.Weather, ["temperature", "humidity", "pressure"])],
            new GatewayLocation(52.5, -1.9)));
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Status(site, "gw-park"), birth, _servers.Scratch);
        using var client = _servers.Host.Client(ApiRoles.Operative);
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/gateways?site={site}", UriKind.Relative))).GetArrayLength() == 1,
            Timeout,
            () => "the gateway in the registry");

        var gateway = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/gateways/{site}/gw-park", UriKind.Relative));
        var sites = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/sites", UriKind.Relative));

        Assert.Equal("online", gateway.GetProperty("state").GetString());
        Assert.Equal("1.4.2", gateway.GetProperty("version").GetString());
        Assert.Equal(52.5, gateway.GetProperty("latitude").GetDouble());
        var sensor = Assert.Single(gateway.GetProperty("sensors").EnumerateArray());
        Assert.Equal("weather", sensor.GetProperty("kind").GetString());
        var summary = Assert.Single(sites.EnumerateArray(), s => s.GetProperty("site").GetString() == site);
        Assert.Equal(1, summary.GetProperty("gateways").GetInt32());
        Assert.Equal(1, summary.GetProperty("online").GetInt32());
        Assert.Equal("ok", summary.GetProperty("status").GetString());
        Assert.Equal(-1.9, summary.GetProperty("longitude").GetDouble());
    }

    [Fact]
    public async Task Stream_ReadingPublishedOverMqtt_DeliveredAsServerSentEventWithHeartbeats()
    {
        var site = Site("stream");
        using var client = _servers.Host.Client(ApiRoles.Operative);
        await using var stream = await SseReader.OpenAsync(client, $"/api/v1/stream?site={site}");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        await stream.NextAsync(e => e is (":comment", "connected"), "connected comment");

        var captured = SoilPacks.WholeSeconds(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30));
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-beds"), SoilPacks.Moisture(site, "gw-beds", "bed-7", 1, 41.5, captured), _servers.Scratch);

        var (_, data) = await stream.NextAsync(e => e.Event == "reading", "reading event");
        var reading = JsonDocument.Parse(data).RootElement;
        Assert.Equal(site, reading.GetProperty("site").GetString());
        Assert.Equal("gw-beds", reading.GetProperty("gateway").GetString());
        Assert.Equal("bed-7", reading.GetProperty("sensor").GetString());
        Assert.Equal("moisture", reading.GetProperty("quantity").GetString());
        Assert.Equal("%", reading.GetProperty("unit").GetString());
        Assert.Equal(41.5, reading.GetProperty("value").GetDouble());
        Assert.Equal(captured, reading.GetProperty("time").GetDateTimeOffset());
        await stream.NextAsync(e => e is (":comment", "heartbeat"), "heartbeat comment");
    }

    [Fact]
    public async Task Stream_OtherSiteAndRefusedPack_NotDelivered()
    {
        var site = Site("filtered");
        using var client = _servers.Host.Client(ApiRoles.Operative);
        await using var stream = await SseReader.OpenAsync(client, $"/api/v1/stream?site={site}");
        await stream.NextAsync(e => e is (":comment", "connected"), "connected comment");
        var captured = SoilPacks.WholeSeconds(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30));

        // Another site, and a pack of ours that fails validation (moisture above 100 %), then a good one.
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(Site("elsewhere"), "gw-x"), SoilPacks.Moisture("elsewhere", "gw-x", "bed-1", 1, 30, captured), _servers.Scratch);
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-beds"), SoilPacks.Moisture(site, "gw-beds", "bed-1", 1, 30, captured)[..^5], _servers.Scratch);
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-beds"), SoilPacks.Moisture(site, "gw-beds", "bed-2", 2, 33, captured), _servers.Scratch);

        var (_, data) = await stream.NextAsync(e => e.Event == "reading", "reading event");
        Assert.Equal("bed-2", JsonDocument.Parse(data).RootElement.GetProperty("sensor").GetString());
    }

    [Fact]
    public async Task Metrics_AfterTraffic_PrometheusTextWithIngestCountersAndHistograms()
    {
        var site = Site("metrics");
        var captured = SoilPacks.WholeSeconds(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30));
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-m"), SoilPacks.Moisture(site, "gw-m", "bed-1", 1, 50, captured), _servers.Scratch);
        using var client = _servers.Host.Client(ApiRoles.Operator);
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/readings/latest?site={site}", UriKind.Relative))).GetArrayLength() == 1,
            Timeout,
            () => "the reading in InfluxDB");

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE smartsensors_ingest_received_total counter\n", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "smartsensors_ingest_received_total") >= 1, text);
        Assert.True(Sample(text, "smartsensors_ingest_written_total") >= 1, text);
        Assert.Contains("# TYPE smartsensors_ingest_batch_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.True(Sample(text, "smartsensors_ingest_batch_latency_seconds_bucket{le=\"+Inf\"}") >= 1, text);
        Assert.Equal(Sample(text, "smartsensors_ingest_batch_latency_seconds_bucket{le=\"+Inf\"}"), Sample(text, "smartsensors_ingest_batch_latency_seconds_count"));
        Assert.Contains("# TYPE smartsensors_ingest_in_flight gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("smartsensors_alerts_packs_total", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Matches(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*=""(\\.|[^""\\])*""(,[a-zA-Z_][a-zA-Z0-9_]*=""(\\.|[^""\\])*"")*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN))$", line));
    }

    [Fact]
    public async Task DeadLetters_RefusedPack_ListedWithReasonAndPayload()
    {
        var site = Site("dead");
        const string Payload = "{\"this is\": \"not senml\"}";
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-bad"), Encoding.UTF8.GetBytes(Payload), _servers.Scratch);
        using var client = _servers.Host.Client(ApiRoles.Operator);
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/dead-letters?site={site}", UriKind.Relative))).GetArrayLength() == 1,
            Timeout,
            () => "the dead letter in the store");

        var letter = (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/dead-letters?site={site}&gateway=gw-bad&limit=5", UriKind.Relative)))[0];

        Assert.Equal(Topics.Readings(site, "gw-bad"), letter.GetProperty("topic").GetString());
        Assert.Equal(Payload, letter.GetProperty("payload").GetString());
        Assert.NotEmpty(letter.GetProperty("reasons").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(letter.GetProperty("reasons")[0].GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Alerts_DryBed_ListedStreamedAcknowledgedByOwnerRoleOnlyAndResolvedByAdmin()
    {
        var site = Site("alerts");
        await using var listener = await AlertTopicListener.StartAsync(_servers.Broker);
        using var operative = _servers.Host.Client(ApiRoles.Operative);
        await using var stream = await SseReader.OpenAsync(operative, $"/api/v1/stream?site={site}");
        await stream.NextAsync(e => e is (":comment", "connected"), "connected comment");

        var captured = SoilPacks.WholeSeconds(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1));
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-beds"), SoilPacks.Moisture(site, "gw-beds", "bed-14", 1, 12, captured), _servers.Scratch);
        var (_, raisedJson) = await listener.NextAsync($"\"site\":\"{site}\"");
        var id = JsonDocument.Parse(raisedJson).RootElement.GetProperty("alert").GetProperty("id").GetString()!;
        var (_, streamed) = await stream.NextAsync(e => e.Event == "alert", "alert event");
        Assert.Equal(id, JsonDocument.Parse(streamed).RootElement.GetProperty("id").GetString());

        var list = await operative.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/alerts?site={site}&category=watering&state=raised", UriKind.Relative));
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
        var detail = await operative.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/alerts/{id}", UriKind.Relative));
        Assert.Equal("raised", detail.GetProperty("history")[0].GetProperty("event").GetString());
        var round = await operative.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/watering-round?site={site}", UriKind.Relative));
        Assert.Equal("bed-14", Assert.Single(Assert.Single(round.GetProperty("sites").EnumerateArray()).GetProperty("beds").EnumerateArray()).GetProperty("sensor").GetString());

        // The environment team does not own watering alerts.
        using var environment = _servers.Host.Client(ApiRoles.Environment);
        using (var refused = await environment.PostAsync(new Uri($"/api/v1/alerts/{id}/acknowledge", UriKind.Relative), null))
        {
            var problem = await Problems.AssertAsync(refused, HttpStatusCode.Forbidden);
            Assert.Contains("operative", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var acknowledged = await operative.PostAsync(new Uri($"/api/v1/alerts/{id}/acknowledge", UriKind.Relative), null))
        {
            var alert = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            Assert.Equal("acknowledged", alert.GetProperty("state").GetString());
            Assert.Equal("key-operative", alert.GetProperty("acknowledgedBy").GetString());
        }

        await stream.NextAsync(e => e.Event == "alert" && e.Data.Contains("\"state\":\"acknowledged\"", StringComparison.Ordinal), "acknowledged alert event");

        using (var refused = await _servers.Host.Client(ApiRoles.Operator).PostAsync(new Uri($"/api/v1/alerts/{id}/resolve", UriKind.Relative), null))
        {
            await Problems.AssertAsync(refused, HttpStatusCode.Forbidden);
        }

        using var admin = _servers.Host.Client(ApiRoles.Admin);
        using (var resolved = await admin.PostAsync(new Uri($"/api/v1/alerts/{id}/resolve", UriKind.Relative), null))
        {
            var alert = await resolved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("resolved", alert.GetProperty("state").GetString());
            Assert.Equal("key-admin", alert.GetProperty("resolvedBy").GetString());
        }

        using (var again = await admin.PostAsync(new Uri($"/api/v1/alerts/{id}/acknowledge", UriKind.Relative), null))
        {
            await Problems.AssertAsync(again, HttpStatusCode.Conflict);
        }

        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/alerts?site={site}", UriKind.Relative))).EnumerateArray());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/alerts?site={site}&state=resolved", UriKind.Relative))).EnumerateArray());
    }

    [Fact]
    public async Task AirQuality_AirSensorWithFewReadings_ListedAsInsufficientData()
    {
        var site = Site("air");
        var start = TestPacks.RecentStart(TimeSpan.FromMinutes(5));
        await MosquittoPublisher.PublishAsync(_servers.Broker, Topics.Readings(site, "gw-air"), TestPacks.Encode(site, "gw-air", 1, start), _servers.Scratch);
        using var client = _servers.Host.Client(ApiRoles.Environment);
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/air-quality?site={site}", UriKind.Relative))).GetArrayLength() == 1,
            Timeout,
            () => "the air sensor listed");

        var entry = (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/air-quality?site={site}", UriKind.Relative)))[0];

        Assert.Equal("sds011-1", entry.GetProperty("sensor").GetString());
        Assert.Equal("insufficient data", entry.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApiAndItsSecuritySchemes()
    {
        using var client = _servers.Host.Client(null);

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/me", "/api/v1/readings", "/api/v1/alerts/{id}/acknowledge", "/api/v1/stream", "/api/v1/dead-letters", "/metrics" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
    }

    private static string Site(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static double Sample(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal) || l.StartsWith(series + "{", StringComparison.Ordinal) && !series.Contains('{', StringComparison.Ordinal));
        Assert.True(line is not null, $"{series} not in /metrics:\n{text}");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
