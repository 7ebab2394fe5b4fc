using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;
using SmartSensors.Edge.Outbox;
using SmartSensors.Edge.Uplink;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Benchmarks.Edge;

/// <summary>
/// Time to drain a 7-day backlog of 20 sensors at one reading a minute (201,600 readings) from the gateway outbox through
/// a real mosquitto: the gateway's own <see cref="UplinkService"/> (pipelined QoS 1 packs, deletes on PUBACK) against a
/// pre-filled outbox; a subscriber on the same broker counts the readings that arrive. Target: under 60 s.
/// Usage: <c>edge-drain [--sensors 20] [--days 7] [--pack 100] [--in-flight 32] [--exactly-once]</c> (the last: QoS 2,
/// <c>Delivery: ExactlyOnce</c>, with its per-pack records in the outbox).
/// </summary>
public static class EdgeDrainHarness
{
    private const string Site = "bench";
    private const string Gateway = "drain-gw";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var sensors = EdgeHarnessArgs.Int(args, "--sensors", 20);
        var days = EdgeHarnessArgs.Int(args, "--days", 7);
        var pack = EdgeHarnessArgs.Int(args, "--pack", 100);
        var inFlight = EdgeHarnessArgs.Int(args, "--in-flight", 32);
        var delivery = args.Contains("--exactly-once") ? DeliveryMode.ExactlyOnce : DeliveryMode.AtLeastOnce;
        if (sensors is < 1 or > 1000 || days is < 1 or > 365 || pack is < 1 or > 1000 || inFlight is < 1 or > 1000)
        {
            await Console.Error.WriteLineAsync("--sensors 1..1000, --days 1..365, --pack 1..1000, --in-flight 1..1000.").ConfigureAwait(false);
            return 2;
        }

        var total = sensors * days * 24 * 60;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cancellation.Token;
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions(), ct).ConfigureAwait(false);
        using var work = new TemporaryDirectory("edge-drain-harness");
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new GatewayMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        using var outbox = SqliteOutbox.Open(work.File("outbox.db"), 64L * 1024 * 1024 * 1024, TimeSpan.FromDays(days + 30), TimeProvider.System);

        // The backlog: one reading a minute per sensor for `days` days, committed as the gateway would (batches of 500).
        var fill = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow.AddDays(-days);
        var batch = new List<Reading>(500);
        for (var minute = 0; minute < days * 24 * 60; minute++)
        {
            for (var s = 0; s < sensors; s++)
            {
                batch.Add(Reading.Of(string.Create(CultureInfo.InvariantCulture, $"bed{s:D2}"), Quantities.Moisture, 20 + (minute % 600) / 10.0, start.AddMinutes(minute).AddMilliseconds(s)));
                if (batch.Count == 500)
                {
                    outbox.Append(batch);
                    batch.Clear();
                }
            }
        }

        outbox.Append(batch);
        fill.Stop();

        // The witness: counts readings as they arrive at a subscriber of the broker.
        await using var subscriber = MqttClientFactory.Create(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "drain-witness", AutoAcknowledge = true, ReceiveMaximum = 1000 });
        await subscriber.ConnectAsync(ct).ConfigureAwait(false);
        await subscriber.SubscribeAsync([new MqttSubscription { TopicFilter = Topics.Readings(Site, Gateway) }], ct).ConfigureAwait(false);
        var allArrived = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        long received = 0;
        long packs = 0;
        long bytes = 0;
        var decoder = new GatewayPackDecoder(new PackDecoderOptions { MaxAge = TimeSpan.FromDays(days + 30) }, TimeProvider.System);
        var counting = Task.Run(
            async () =>
            {
                await foreach (var message in subscriber.Messages.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    var result = decoder.Decode(message.Topic, message.Payload.Span);
                    packs++;
                    bytes += message.Payload.Length;
                    received += result.Pack?.Readings.Count ?? 0;
                    if (received >= total)
                    {
                        allArrived.TrySetResult(clock.Elapsed);
                        return;
                    }
                }
            },
            ct);

        var uplink = new UplinkService(
            outbox,
            Options.Create(new GatewayOptions { Id = Gateway, Site = Site }),
            Options.Create(new BrokerOptions { Host = broker.Host, Port = broker.Port, Tls = new BrokerTlsOptions { Enabled = false }, ReadingsPerPack = pack, MaxPacksInFlight = inFlight, Delivery = delivery }),
            Options.Create(new SensorListOptions()),
            metrics,
            TimeProvider.System,
            NullLoggerFactory.Instance);
        clock.Start();
        await uplink.StartAsync(ct).ConfigureAwait(false);
        TimeSpan emptied;
        while (outbox.GetStatistics().Depth > 0)
        {
            await Task.Delay(10, ct).ConfigureAwait(false);
        }

        emptied = clock.Elapsed;
        var arrived = await allArrived.Task.WaitAsync(TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
        await uplink.StopAsync(CancellationToken.None).ConfigureAwait(false);
        uplink.Dispose();
        await cancellation.CancelAsync().ConfigureAwait(false);
        await counting.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

        Console.WriteLine($"| backlog | readings | packs | payload MB | outbox fill (s) | all acknowledged, outbox empty (s) | all received (s) | readings/s |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {sensors} sensors × {days} d × 1/min, {pack}/pack, {inFlight} in flight, {delivery} | {total} | {packs} | {bytes / 1e6:F1} | {fill.Elapsed.TotalSeconds:F1} | {emptied.TotalSeconds:F2} | {arrived.TotalSeconds:F2} | {total / arrived.TotalSeconds:N0} |"));
        return arrived < TimeSpan.FromSeconds(60) ? 0 : 1;
    }
}
