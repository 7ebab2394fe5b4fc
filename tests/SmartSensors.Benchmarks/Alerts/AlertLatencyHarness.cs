using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Channels.Webhook;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Registry;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Benchmarks.Alerts;

/// <summary>
/// Alert latency: from a soil reading published (QoS 1, our client) to the signed webhook for the alert it causes
/// arriving at a receiver on 127.0.0.1, while the same cloud host's ingest role writes a background load of 8-reading
/// packs from N gateways (mosquitto_pub -l, paced) to a real influxd, and the alerts role evaluates those packs too.
/// The probe toggles one bed dry (alert raised) and wet (alert resolved), one at a time; each toggle is one sample.
/// Usage: <c>alerts-latency [--samples N] [--gateways N] [--rate packs-per-second-per-gateway]</c>.
/// </summary>
public static class AlertLatencyHarness
{
    private const string Secret = "alerts-latency-harness-secret";
    private const string Site = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var samples = IntArg(args, "--samples", 200);
        var gateways = IntArg(args, "--gateways", 20);
        var rate = IntArg(args, "--rate", 50);
        if (samples < 2 || gateways < 0 || gateways > 999 || rate < 1 || rate > 10_000)
        {
            await Console.Error.WriteLineAsync("--samples ≥ 2, --gateways 0..999, --rate 1..10000 packs/s per gateway.").ConfigureAwait(false);
            return 2;
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = cancellation.Token;
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions(), ct).ConfigureAwait(false);
        await using var influx = await InfluxFixture.StartAsync(ct).ConfigureAwait(false);
        await influx.CreateDatabaseAsync("bench", ct).ConfigureAwait(false);
        using var work = new TemporaryDirectory("alerts-latency");

        var arrivals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var arrived = new SemaphoreSlim(0);
        await using var receiver = await StartReceiverAsync(arrivals, arrived).ConfigureAwait(false);
        var hookUrl = new Uri(receiver.Urls.First() + "/hook");
        await using var host = await StartCloudAsync(broker, influx, hookUrl, work, ct).ConfigureAwait(false);
        await host.Services.GetRequiredService<AlertSubscriber>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        await host.Services.GetRequiredService<IngestService>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);

        // Background load: N gateways, each `rate` packs per second for as long as the probe runs.
        var loads = new List<ChildProcess>();
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600);
        var loadPacks = Math.Max(1, samples * rate / 5); // ≈ enough for the probe (≈ 5 samples per second)
        for (var g = 0; g < gateways; g++)
        {
            var gateway = string.Create(CultureInfo.InvariantCulture, $"gw-{g:D3}");
            var file = work.File($"{gateway}.packs");
            await using (var stream = File.Create(file))
            {
                for (var seq = 0; seq < loadPacks; seq++)
                {
                    var t = start.AddMilliseconds(seq * 10);
                    var pack = new GatewayPack(gateway, Site, seq, [
                        Reading.Of("bme280-1", Quantities.Temperature, 12.5, t),
                        Reading.Of("bme280-1", Quantities.Humidity, 60, t),
                        Reading.Of("bme280-1", Quantities.Pressure, 1012, t),
                        Reading.Of("sds011-1", Quantities.Pm25, 8, t),
                        Reading.Of("sds011-1", Quantities.Pm10, 15, t),
                        Reading.Of("sds011-1", Quantities.No2, 20, t),
                        Reading.Of("soil-1", Quantities.Moisture, 45, t),
                        Reading.Of("beam-1", Quantities.Count, seq % 100, t)]);
                    await stream.WriteAsync(GatewayPackEncoder.Encode(pack), ct).ConfigureAwait(false);
                    stream.WriteByte((byte)'\n');
                }
            }

            var tool = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
            var pace = (1.0 / rate).ToString("0.######", CultureInfo.InvariantCulture);
            var script = $"while IFS= read -r line; do printf '%s\\n' \"$line\"; sleep {pace}; done < '{file}' | {tool} -h {broker.Host} -p {broker.Port.ToString(CultureInfo.InvariantCulture)} -q 1 -t 'ss/v1/{Site}/{gateway}/readings' -l";
            loads.Add(ChildProcess.Start("/bin/sh", ["-c", script], $"load {gateway}"));
        }

        var probe = MqttClientFactory.Create(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "alerts-latency-probe" });
        await using var probeScope = probe.ConfigureAwait(false);
        await probe.ConnectAsync(ct).ConfigureAwait(false);
        var latencies = new List<double>(samples);
        var written0 = await influx.CountAsync("bench", "weather", "temperature", ct).ConfigureAwait(false);
        var probeClock = Stopwatch.StartNew();
        // One second apart and all in the past (the decoder refuses capture times more than 5 minutes ahead).
        var probeStart = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - samples - 60);
        for (var i = 0; i < samples; i++)
        {
            var dry = i % 2 == 0;
            var payload = GatewayPackEncoder.Encode(new GatewayPack("gw-probe", Site, i, [Reading.Of("bed-1", Quantities.Moisture, dry ? 10 : 60, probeStart.AddSeconds(i))]));
            var expected = dry ? "alert.raised" : "alert.resolved";
            var before = Stopwatch.GetTimestamp();
            await probe.PublishAsync(new MqttApplicationMessage { Topic = Topics.Readings(Site, "gw-probe"), Payload = payload }, ct).ConfigureAwait(false);
            while (true)
            {
                if (!await arrived.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false))
                {
                    await Console.Error.WriteLineAsync($"sample {i}: no {expected} webhook within 30 s").ConfigureAwait(false);
                    return 1;
                }

                if (arrivals.TryRemove(expected, out var at))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(before, at).TotalMilliseconds);
                    break;
                }
            }
        }

        var probeSeconds = probeClock.Elapsed.TotalSeconds;
        var written = await influx.CountAsync("bench", "weather", "temperature", ct).ConfigureAwait(false) - written0;
        foreach (var load in loads)
        {
            await load.DisposeAsync().ConfigureAwait(false);
        }

        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var background = gateways * rate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ### Alert latency: reading published → webhook received

            | samples | background load offered | written to InfluxDB during the probe | p50 | p90 | p99 | max |
            |---|---|---|---|---|---|---|
            | {latencies.Count} | {gateways} gateways × {rate} packs/s = {background} packs/s ({background * 8} readings/s) | {written / probeSeconds:0} packs/s over {probeSeconds:0.0} s | {P(0.50):0.0} ms | {P(0.90):0.0} ms | {P(0.99):0.0} ms | {latencies[^1]:0.0} ms |

            Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.
            Path: mosquitto → alerts subscription → SenML decode → rules → SQLite commit (alert + history + outbox, synchronous=FULL) → dispatcher → HTTP POST (HMAC-signed) → receiver on 127.0.0.1.
            """));
        return 0;
    }

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentDictionary<string, long> arrivals, SemaphoreSlim arrived)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var now = Stopwatch.GetTimestamp();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            if (!WebhookSignature.Verify(Secret, context.Request.Headers[WebhookSignature.TimestampHeader], context.Request.Headers[WebhookSignature.SignatureHeader], buffer.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
            {
                context.Response.StatusCode = 401;
                return;
            }

            arrivals[context.Request.Headers[WebhookSignature.EventHeader].ToString()] = now;
            arrived.Release();
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    private static async Task<WebApplication> StartCloudAsync(MosquittoFixture broker, InfluxFixture influx, Uri hook, TemporaryDirectory work, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work.Path, ApplicationName = typeof(AlertsHostingExtensions).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmartSensors:Roles"] = "ingest,alerts",
            ["Mqtt:Host"] = broker.Host,
            ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Influx:Url"] = influx.BaseAddress.ToString(),
            ["Influx:Database"] = "bench",
            ["Ingest:ClientId"] = "bench-ingest",
            ["DeadLetters:Path"] = work.File("dead-letters.db"),
            ["Alerts:StorePath"] = work.File("alerts.db"),
            ["Alerts:ClientId"] = "bench-alerts",
            ["Alerts:Watering:Sustain"] = "00:00:00",
            ["Alerts:Round:Enabled"] = "false",
            ["Alerts:Audiences:street-operatives:Categories:0"] = "watering",
            ["Alerts:Audiences:street-operatives:Mqtt"] = "false",
            ["Alerts:Audiences:street-operatives:Webhooks:0:Url"] = hook.AbsoluteUri,
            ["Alerts:Audiences:street-operatives:Webhooks:0:Secret"] = Secret,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.AddCloudHosting();
        builder.AddRegistry();
        builder.AddDeadLetters();
        builder.AddIngest();
        builder.AddAlerts();
        var app = builder.Build();
        app.MapAlerts();
        await app.StartAsync(ct).ConfigureAwait(false);
        return app;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
