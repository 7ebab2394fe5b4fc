using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>What a scenario needs: the port, option defaults that match libmosquitto's CONNECT, clients and a log.</summary>
internal sealed class ScenarioContext : IAsyncDisposable
{
    /// <summary>libmosquitto advertises Receive Maximum 20 in every v5 CONNECT (the scripts' gen_connect expects exactly that).</summary>
    public const int LibmosquittoReceiveMaximum = 20;

    /// <summary>The protocol's largest packet (268,435,455 + 5 header bytes): "no limit", so no Maximum Packet Size property
    /// is needed in CONNECT (libmosquitto sends none).</summary>
    public const int ProtocolMaximumPacketSize = 268_435_460;

    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(5);
    private readonly List<ScenarioClient> _clients = [];
    private readonly List<string> _temporaryFiles = [];
    private readonly ILogger _logger;
    private readonly PosixSignalRegistration _sigterm;

    public ScenarioContext(int port)
    {
        Port = port;
        _logger = new StderrLogger(Environment.GetEnvironmentVariable("MQTT_CONFORMANCE_LOG"));

        // Most scripts end the client with SIGTERM once they have seen what they wanted; no finally block runs then (and
        // .NET 10 raises no ProcessExit), so temporary files are removed from the signal handler, which lets the signal
        // terminate the process as usual afterwards.
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => DeleteTemporaryFiles());
    }

    public int Port { get; }

    /// <summary>Options as the C twin sets them: mosquitto_new(id, clean_session), mosquitto_connect("localhost", port, keepalive).
    /// The host is 127.0.0.1 (the scripts listen on every IPv4 address; we only ever talk to loopback).
    /// libmosquitto neither reconnects by itself nor buffers publishes while disconnected, and acknowledges in its own loop.</summary>
    public MqttClientOptions CreateOptions(string clientId, MqttProtocolVersion version, int keepAliveSeconds = 60, bool cleanStart = true) => new()
    {
        ClientId = clientId,
        Host = "127.0.0.1",
        Port = Port,
        ProtocolVersion = version,
        KeepAliveSeconds = keepAliveSeconds,
        CleanStart = cleanStart,
        ReceiveMaximum = LibmosquittoReceiveMaximum,
        MaximumPacketSize = ProtocolMaximumPacketSize,
        TopicAliasMaximum = 0,
        AutoAcknowledge = false,
        Reconnect = new MqttReconnectOptions { Enabled = false },
        DisconnectedPublishPolicy = MqttDisconnectedPublishPolicy.FailFast,
    };

    /// <summary>mosquitto_reconnect() from the disconnect callback: reconnect at once, without backoff.</summary>
    public static MqttReconnectOptions ImmediateReconnect() => new() { Enabled = true, MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, JitterFraction = 0 };

    /// <summary>Creates a client (validating the options, as <see cref="MqttClientFactory.Create"/> does) that is disposed at exit.</summary>
    public ScenarioClient CreateClient(MqttClientOptions options)
    {
        var client = new ScenarioClient(MqttClientFactory.Create(options, _logger), this);
        _clients.Add(client);
        return client;
    }

    /// <summary>A file deleted when the scenario ends.</summary>
    public string CreateTemporaryFile(string contents)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mqtt-conformance-{Path.GetRandomFileName()}");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(contents);
        }

        lock (_temporaryFiles)
        {
            _temporaryFiles.Add(path);
        }

        return path;
    }

    public void Log(string message) => Console.Error.WriteLine($"[conformance-client :{Port}] {message}");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.DisposeAsync().AsTask().WaitAsync(DisposeTimeout);
            }
            catch (TimeoutException)
            {
                Log($"disposing the MQTT client took more than {DisposeTimeout.TotalSeconds:0} s (library bug?)");
            }
        }

        DeleteTemporaryFiles();
        _sigterm.Dispose();
    }

    private void DeleteTemporaryFiles()
    {
        lock (_temporaryFiles)
        {
            foreach (var path in _temporaryFiles)
            {
                File.Delete(path);
            }

            _temporaryFiles.Clear();
        }
    }
}
