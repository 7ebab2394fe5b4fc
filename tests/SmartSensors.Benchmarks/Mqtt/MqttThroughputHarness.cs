using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Benchmarks.Mqtt;

/// <summary>
/// QoS 1 throughput of our MQTT client against a real mosquitto, compared in the same run with Mosquitto's
/// own clients on the same payloads:
/// <list type="bullet">
/// <item>publish: N QoS 1 messages, timed until the last PUBACK (ours) / until <c>mosquitto_pub -l</c> exits;</item>
/// <item>receive: N QoS 1 messages queued for a persistent session, drained with a manual ack per message
/// (ours) / by <c>mosquitto_sub -C N</c> (automatic acks).</item>
/// </list>
/// Rounds alternate ours/reference; the table reports medians.
/// <c>dotnet run -c Release --project tests/SmartSensors.Benchmarks -- mqtt-throughput [--messages 50000] [--payload 200] [--rounds 3]</c>
/// </summary>
public static class MqttThroughputHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Option(args, "--messages", 50_000);
        var payloadBytes = Option(args, "--payload", 200);
        var rounds = Option(args, "--rounds", 3);
        var pub = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
        var sub = RequiredTool.Find("mosquitto_sub", "mosquitto-clients");

        await using var broker = await MosquittoFixture.StartAsync().ConfigureAwait(false);
        using var work = new TemporaryDirectory("mqtt-bench");
        var payloads = MakePayloads(messages, payloadBytes);
        var lines = work.File("payloads.txt");
        await File.WriteAllLinesAsync(lines, payloads.Select(p => Encoding.ASCII.GetString(p))).ConfigureAwait(false);

        var oursPub = new List<double>();
        var refPub = new List<double>();
        var oursRecv = new List<double>();
        var refRecv = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            refPub.Add(await ReferencePublishAsync(broker, pub, lines, messages, $"bench/pub/ref/{round}").ConfigureAwait(false));
            oursPub.Add(await OurPublishAsync(broker, payloads, $"bench/pub/ours/{round}").ConfigureAwait(false));
            refRecv.Add(await ReferenceReceiveAsync(broker, pub, sub, lines, messages, round).ConfigureAwait(false));
            oursRecv.Add(await OurReceiveAsync(broker, pub, lines, messages, round).ConfigureAwait(false));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: publish ours {oursPub[^1]:N0}/s ref {refPub[^1]:N0}/s; receive ours {oursRecv[^1]:N0}/s ref {refRecv[^1]:N0}/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | QoS 1, {messages:N0} messages × {payloadBytes} B, median of {rounds} | SmartSensors.Mqtt | mosquitto client | ratio |
            |---|---:|---:|---:|
            | publish (until last PUBACK) | {Median(oursPub):N0} msg/s | {Median(refPub):N0} msg/s (`mosquitto_pub -l -q 1`) | {Median(oursPub) / Median(refPub):0.00} |
            | receive, manual ack (queued session drained) | {Median(oursRecv):N0} msg/s | {Median(refRecv):N0} msg/s (`mosquitto_sub -q 1 -C N`) | {Median(oursRecv) / Median(refRecv):0.00} |
            """));
        return 0;
    }

    private static async Task<double> OurPublishAsync(MosquittoFixture broker, List<byte[]> payloads, string topic)
    {
        await using var client = MqttClientFactory.Create(Options(broker, "bench-pub-ours", cleanStart: true));
        var watch = Stopwatch.StartNew();
        await client.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        var pending = new Task<MqttPublishResult>[payloads.Count];
        for (var i = 0; i < payloads.Count; i++)
        {
            // The client's send quota (the broker's receive maximum) bounds what is in flight.
            pending[i] = client.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = payloads[i] }, CancellationToken.None);
        }

        var results = await Task.WhenAll(pending).ConfigureAwait(false);
        watch.Stop();
        if (results.Any(r => !r.IsSuccess))
        {
            throw new InvalidOperationException("a publish was refused by the broker");
        }

        await client.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        return payloads.Count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> ReferencePublishAsync(MosquittoFixture broker, string pub, string lines, int messages, string topic)
    {
        var watch = Stopwatch.StartNew();
        await RunShellAsync($"'{pub}' -h {broker.Host} -p {broker.Port} -q 1 -V 5 -i bench-pub-ref -t '{topic}' -l < '{lines}'").ConfigureAwait(false);
        watch.Stop();
        return messages / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> OurReceiveAsync(MosquittoFixture broker, string pub, string lines, int messages, int round)
    {
        var clientId = $"bench-recv-ours-{round}";
        var topic = $"bench/recv/ours/{round}";
        await using (var setup = MqttClientFactory.Create(Options(broker, clientId, cleanStart: false)))
        {
            await setup.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
            await setup.SubscribeAsync([new MqttSubscription { TopicFilter = topic }], CancellationToken.None).ConfigureAwait(false);
            await setup.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await RunShellAsync($"'{pub}' -h {broker.Host} -p {broker.Port} -q 1 -V 5 -t '{topic}' -l < '{lines}'").ConfigureAwait(false);

        await using var client = MqttClientFactory.Create(Options(broker, clientId, cleanStart: false));
        var watch = Stopwatch.StartNew();
        await client.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
        var received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (received < messages)
        {
            var message = await client.Messages.ReadAsync(timeout.Token).ConfigureAwait(false);
            await message.AckAsync(timeout.Token).ConfigureAwait(false);
            received++;
        }

        watch.Stop();
        await client.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        return messages / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> ReferenceReceiveAsync(MosquittoFixture broker, string pub, string sub, string lines, int messages, int round)
    {
        var clientId = $"bench-recv-ref-{round}";
        var topic = $"bench/recv/ref/{round}";
        var common = $"-h {broker.Host} -p {broker.Port} -q 1 -V 5 -c -x 3600 -i {clientId} -t '{topic}'";
        await RunShellAsync($"'{sub}' {common} -E").ConfigureAwait(false);
        await RunShellAsync($"'{pub}' -h {broker.Host} -p {broker.Port} -q 1 -V 5 -t '{topic}' -l < '{lines}'").ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await RunShellAsync($"'{sub}' {common} -C {messages} > /dev/null").ConfigureAwait(false);
        watch.Stop();
        return messages / watch.Elapsed.TotalSeconds;
    }

    private static MqttClientOptions Options(MosquittoFixture broker, string clientId, bool cleanStart) => new()
    {
        ClientId = clientId,
        Host = broker.Host,
        Port = broker.Port,
        CleanStart = cleanStart,
        SessionExpirySeconds = cleanStart ? 0u : 3600u,
    };

    private static async Task RunShellAsync(string command)
    {
        await using var shell = ChildProcess.Start("/bin/bash", ["-c", command], "bash");
        var code = await shell.WaitForExitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException(shell.Describe($"exited with {code}: {command}"));
        }
    }

    private static List<byte[]> MakePayloads(int count, int size)
    {
        var random = new Random(42);
        var payloads = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[size];
            for (var j = 0; j < size; j++)
            {
                payload[j] = (byte)random.Next('a', 'z' + 1);
            }

            payloads.Add(payload);
        }

        return payloads;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
