using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Processes;
using Xunit.Abstractions;

namespace SmartSensors.System.Tests.Demo;

/// <summary>
/// The README's run command, for real: <c>./run.sh</c> as a child process with its own data directory and free ports,
/// its scenario clock and alert windows <see cref="Speed"/> times faster, using the programs this test project already
/// built (<c>SMARTSENSORS_SKIP_BUILD=1</c>). A subscriber on the demo's broker (<c>ss/v1/alerts/#</c>, where the cloud
/// publishes every alert) waits for the first alert of each of the four kinds; then the test presses Ctrl-C (SIGINT
/// to the script) and checks that every process the script started has gone and every port is free again. A second
/// run on the same data directory must carry on: the same demo key, accepted by the staff API, and the alerts whose
/// conditions still hold still open.
/// </summary>
public sealed class RunScriptTests(ITestOutputHelper output)
{
    /// <summary>SMARTSENSORS_DEMO_SPEED: scenarios, sampling and the demo's alert windows run this many times faster.</summary>
    private const int Speed = 2;

    private const int SigInt = 2;

    private static readonly string[] Categories = ["watering", "air-quality", "flood", "device-health"];

    /// <summary>Start-up (no build) plus the slowest first alert at <see cref="Speed"/>, with room for a loaded machine:
    /// on a loaded 2-core machine the four arrive about 60 s after the start.</summary>
    private static readonly TimeSpan AlertsWithin = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan StopWithin = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task RunSh_ShortenedScenarioClock_RaisesEveryKindOfAlertStopsCleanlyOnCtrlCAndCarriesOnWhenRunAgain()
    {
        var root = RepositoryRoot();
        using var data = new TemporaryDirectory("demo");
        var (mqttPort, influxPort, httpPort) = FreePorts();
        var environment = new Dictionary<string, string>
        {
            ["SMARTSENSORS_DATA"] = data.Path,
            ["SMARTSENSORS_MQTT_PORT"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["SMARTSENSORS_INFLUX_PORT"] = influxPort.ToString(CultureInfo.InvariantCulture),
            ["SMARTSENSORS_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["SMARTSENSORS_DEMO_SPEED"] = Speed.ToString(CultureInfo.InvariantCulture),
            ["SMARTSENSORS_SKIP_BUILD"] = "1",
        };

        var clock = Stopwatch.StartNew();
        string key;
        await using var demo = Start(root, environment, "./run.sh (first run)");

        await demo.WaitForLineAsync(l => l.Contains("message broker ready", StringComparison.Ordinal), StartWithin);
        var firstAlerts = new Dictionary<string, (TimeSpan At, string Title)>(StringComparer.Ordinal);
        await using (var subscriber = MqttClientFactory.Create(new MqttClientOptions
        {
            ClientId = "demo-test-" + Guid.NewGuid().ToString("N")[..8],
            Port = mqttPort,
            AutoAcknowledge = true,
        }))
        {
            using var deadline = new CancellationTokenSource(AlertsWithin - clock.Elapsed);
            await subscriber.ConnectAsync(deadline.Token);
            await subscriber.SubscribeAsync([new MqttSubscription { TopicFilter = "ss/v1/alerts/#" }], deadline.Token);

            var link = await demo.WaitForLineAsync(l => l.Contains("/#key=", StringComparison.Ordinal), StartWithin);
            var url = link[link.IndexOf("http://", StringComparison.Ordinal)..].Trim();
            Assert.StartsWith($"http://127.0.0.1:{httpPort}/#key=ssk_", url, StringComparison.Ordinal);
            key = url[(url.IndexOf("#key=", StringComparison.Ordinal) + "#key=".Length)..];
            Assert.Equal(key, (await File.ReadAllTextAsync(Path.Combine(data.Path, "demo-api-key"))).Trim());

            try
            {
                while (firstAlerts.Count < Categories.Length)
                {
                    var message = await subscriber.Messages.ReadAsync(deadline.Token);
                    if (RaisedAlert(message) is { } alert && Categories.Contains(alert.Category) && !firstAlerts.ContainsKey(alert.Category))
                    {
                        firstAlerts[alert.Category] = (clock.Elapsed, alert.Title);
                        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s after ./run.sh started: first {alert.Category} alert: {alert.Title}");
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Assert.Fail(demo.Describe(
                    $"within {AlertsWithin.TotalSeconds} s only these kinds of alert were raised: [{string.Join(", ", firstAlerts.Keys)}]; expected all of [{string.Join(", ", Categories)}]."));
            }
        }

        await StopWithCtrlCAsync(demo, [mqttPort, influxPort, influxPort + 1, httpPort]);

        // Run it again on the same data: it carries on with the same key and the alerts that still hold.
        await using var again = Start(root, environment, "./run.sh (second run)");
        await again.WaitForLineAsync(l => l.Contains("Carrying on from the previous run", StringComparison.Ordinal), StartWithin);
        var secondLink = await again.WaitForLineAsync(l => l.Contains("/#key=", StringComparison.Ordinal), StartWithin);
        Assert.EndsWith("#key=" + key, secondLink.Trim(), StringComparison.Ordinal);
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(30) })
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var response = await http.GetAsync(new Uri("api/v1/alerts", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET /api/v1/alerts with the demo key answered {(int)response.StatusCode}: {body}");
            using var open = JsonDocument.Parse(body);
            var categories = open.RootElement.EnumerateArray().Select(a => a.GetProperty("category").GetString()).ToHashSet();
            output.WriteLine($"open after the restart: [{string.Join(", ", categories)}]");
            // Still true after the restart: the air's 24-hour mean is still Moderate and beds bed-05 and bed-11 still dry.
            Assert.Contains("air-quality", categories);
            Assert.Contains("watering", categories);
        }

        await StopWithCtrlCAsync(again, [mqttPort, influxPort, influxPort + 1, httpPort]);
    }

    /// <summary>Starts run.sh. A shell started from a terminal runs the script with SIGINT at its default; a test host
    /// started in the background may have it ignored, and bash cannot trap a signal ignored on entry: env restores it.</summary>
    private static ChildProcess Start(string root, IReadOnlyDictionary<string, string> environment, string name) =>
        ChildProcess.Start("env", ["--default-signal=INT", "bash", Path.Combine(root, "run.sh")], name, root, environment);

    /// <summary>Ctrl-C: everything the script started must stop, and its ports must be free again.</summary>
    private async Task StopWithCtrlCAsync(ChildProcess demo, int[] ports)
    {
        var started = Descendants(demo.Id);
        output.WriteLine($"processes started by {demo.DisplayName}: {string.Join(", ", started.Select(p => $"{p.Name} ({p.Pid})"))}");
        Assert.Contains(started, p => p.Name == "mosquitto");
        Assert.Contains(started, p => p.Name == "influxd");
        Assert.True(started.Count(p => p.Name == "dotnet") >= 5, "the cloud service and at least four gateways should be running before Ctrl-C");

        var stopping = Stopwatch.StartNew();
        Signals.Send(demo.Id, SigInt);
        var exitCode = await demo.WaitForExitAsync(StopWithin);
        output.WriteLine($"{demo.DisplayName} stopped {stopping.Elapsed.TotalSeconds:0.0} s after Ctrl-C, exit code {exitCode}");
        Assert.True(exitCode == 0, demo.Describe($"run.sh exited with code {exitCode} after Ctrl-C (expected 0)."));
        await demo.WaitForLineAsync(l => l.Contains("Stopped. Your data is kept in", StringComparison.Ordinal), StopWithin);

        var leftovers = started.Where(p => p.IsStillRunning()).ToList();
        Assert.True(leftovers.Count == 0, $"still running after Ctrl-C: {string.Join(", ", leftovers.Select(p => $"{p.Name} ({p.Pid})"))}");
        foreach (var port in ports)
        {
            Assert.True(IsFree(port), $"port {port} is still in use after Ctrl-C");
        }
    }

    private static (string Category, string Title)? RaisedAlert(MqttReceivedMessage message)
    {
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        if (!root.TryGetProperty("event", out var kind) || kind.GetString() != "alert.raised"
            || !root.TryGetProperty("alert", out var alert) || alert.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (alert.GetProperty("category").GetString() ?? "", alert.GetProperty("title").GetString() ?? "");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "run.sh")) && File.Exists(Path.Combine(dir.FullName, "SmartSensors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"run.sh not found above {AppContext.BaseDirectory}");
    }

    /// <summary>MQTT, InfluxDB (which also binds the next port up) and HTTP ports, all free on the loopback interface.</summary>
    private static (int Mqtt, int Influx, int Http) FreePorts()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var influx = FreePort.Next();
            if (influx < 65534 && IsFree(influx + 1))
            {
                var mqtt = FreePort.Next();
                var http = FreePort.Next();
                if (new HashSet<int> { mqtt, influx, influx + 1, http }.Count == 4)
                {
                    return (mqtt, influx, http);
                }
            }
        }

        throw new InvalidOperationException("could not find free loopback ports");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Every process descended from <paramref name="pid"/> (from /proc), with its start time so that a
    /// reused pid is not mistaken for a leftover.</summary>
    private static List<LinuxProcess> Descendants(int pid)
    {
        var all = new List<(LinuxProcess Process, int Parent)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && LinuxProcess.Read(id) is { } process)
            {
                all.Add(process);
            }
        }

        var found = new List<LinuxProcess>();
        var parents = new HashSet<int> { pid };
        bool added;
        do
        {
            added = false;
            foreach (var (process, parent) in all)
            {
                if (parents.Contains(parent) && parents.Add(process.Pid))
                {
                    found.Add(process);
                    added = true;
                }
            }
        }
        while (added);

        return found;
    }
}
