using SmartSensors.Contracts;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Edge.Tests.Support;

/// <summary>
/// An independent witness at the broker: <c>mosquitto_sub</c> (QoS 1, persistent session) writing every readings
/// message, line-buffered, to a file, which the test parses with the contract's pack decoder.
/// </summary>
internal sealed class MosquittoSubRecorder : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _file;
    private readonly GatewayPackDecoder _decoder = new();

    private MosquittoSubRecorder(ChildProcess process, string file)
    {
        _process = process;
        _file = file;
    }

    public static async Task<MosquittoSubRecorder> StartAsync(MosquittoFixture broker, string file, string clientId, string filter = "ss/v1/+/+/readings", string? username = null, string? password = null)
    {
        var sub = RequiredTool.Find("mosquitto_sub", "mosquitto-clients");
        string[] credentials = username is null ? [] : ["-u", username, "-P", password ?? ""];
        var probeTopic = filter.Replace("+", "probe", StringComparison.Ordinal).Replace("#", "probe", StringComparison.Ordinal);
        var command = $"exec stdbuf -oL {sub} -h {broker.Host} -p {broker.Port} -q 1 -c -i {clientId} {string.Join(' ', credentials.Select(c => $"'{c}'"))} -v -t '{filter}' > '{file}'";
        var process = ChildProcess.Start("/bin/sh", ["-c", command], "mosquitto_sub", Path.GetDirectoryName(file));
        var recorder = new MosquittoSubRecorder(process, file);

        // Subscribed when a probe published now comes back.
        var pub = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!recorder.Lines().Any(l => l.StartsWith(probeTopic, StringComparison.Ordinal)))
        {
            deadline.Token.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException(process.Describe("exited"));
            }

            await using var probe = ChildProcess.Start(pub, ["-h", broker.Host, "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", .. credentials, "-t", probeTopic, "-m", "probe"], "mosquitto_pub");
            await probe.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await WaitForFileChangeAsync(file, TimeSpan.FromMilliseconds(500), deadline.Token);
        }

        return recorder;
    }

    /// <summary>Complete lines written so far.</summary>
    public List<string> Lines()
    {
        if (!File.Exists(_file))
        {
            return [];
        }

        using var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n').ToList();
    }

    /// <summary>Every reading received on a gateway's readings topic, in arrival order; fails on any pack the contract refuses.</summary>
    public List<ReceivedReading> Readings(string site, string gateway)
    {
        var topic = Topics.Readings(site, gateway);
        var readings = new List<ReceivedReading>();
        var lines = Lines();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!line.StartsWith(topic + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var payload = System.Text.Encoding.UTF8.GetBytes(line[(topic.Length + 1)..]);
            var result = _decoder.Decode(topic, payload);
            if (result.Pack is not { } pack)
            {
                throw new InvalidOperationException($"line {i}: pack refused: {string.Join("; ", result.Errors)}");
            }

            foreach (var r in pack.Readings)
            {
                readings.Add(new ReceivedReading(r.SensorId, r.Quantity, r.CaptureTime.UtcTicks, r.Value, pack.Sequence, i));
            }
        }

        return readings;
    }

    /// <summary>Waits (re-reading the file on every change, at least twice a second) until <paramref name="condition"/> holds.</summary>
    public async Task WaitUntilAsync(Func<MosquittoSubRecorder, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Not received within {timeout.TotalSeconds} s: {what}");
            }

            try
            {
                await WaitForFileChangeAsync(_file, TimeSpan.FromMilliseconds(500), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // checked once more at the top
            }
        }
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private static async Task WaitForFileChangeAsync(string file, TimeSpan atMost, CancellationToken cancellationToken)
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file)) { EnableRaisingEvents = true };
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Changed += (_, _) => changed.TrySetResult();
        await Task.WhenAny(changed.Task, Task.Delay(atMost, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
