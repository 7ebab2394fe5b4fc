using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Testing.Mosquitto;

/// <summary>
/// A real mosquitto broker started as a child process on free loopback ports, with a throw-away config
/// and data directory. It can be killed, stopped, restarted on the same ports with its data, and paused.
/// </summary>
/// <example><code>await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true });</code></example>
public sealed class MosquittoFixture : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory;
    private readonly string _executable;
    private ChildProcess? _process;

    private MosquittoFixture(MosquittoOptions options, TemporaryDirectory directory, string executable)
    {
        Options = options;
        _directory = directory;
        _executable = executable;
        Port = FreePort.Next();
        TlsPort = options.Tls is null ? null : FreePort.Next();
    }

    /// <summary>The broker's host: always the loopback address.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the fixture's connection details, read per instance.")]
    public string Host => "127.0.0.1";

    /// <summary>The plain MQTT listener port.</summary>
    public int Port { get; }

    /// <summary>The TLS listener port, when configured.</summary>
    public int? TlsPort { get; }

    /// <summary>How the broker was configured.</summary>
    public MosquittoOptions Options { get; }

    /// <summary>The directory with config, password/ACL files and persistence data.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>The generated configuration file.</summary>
    public string ConfigFile => _directory.File("mosquitto.conf");

    /// <summary>The persistence database (exists after the first save).</summary>
    public string PersistenceFile => _directory.File("mosquitto.db");

    /// <summary>The running process id, or null while stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The broker's recent log output (for assertion messages).</summary>
    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    /// <summary>Starts a broker and waits until it answers an MQTT CONNECT with a CONNACK.</summary>
    public static async Task<MosquittoFixture> StartAsync(MosquittoOptions? options = null, CancellationToken cancellationToken = default)
    {
        var executable = RequiredTool.Find("mosquitto", "mosquitto");
        var fixture = new MosquittoFixture(options ?? new MosquittoOptions(), new TemporaryDirectory("mosquitto"), executable);
        try
        {
            await fixture.WriteConfigurationAsync(cancellationToken).ConfigureAwait(false);
            await fixture.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: the broker dies without saving (like a power cut).</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            await _process.KillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM: a clean shutdown that saves persistence.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the broker again on the same ports with the same data (stops it first if running).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGSTOP: the broker freezes with its sockets open, like a network partition.</summary>
    public void Pause() => RunningProcess().Signal(Signals.SigStop);

    /// <summary>SIGCONT: the broker carries on after <see cref="Pause"/>.</summary>
    public void Resume() => RunningProcess().Signal(Signals.SigCont);

    /// <summary>Waits until the persistence database has been written at least once after <paramref name="since"/>.</summary>
    public async Task WaitForPersistenceSaveAsync(DateTime since, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Options.AutosaveIntervalSeconds * 10 + 10));
        using var watcher = new FileSystemWatcher(DataDirectory) { EnableRaisingEvents = true };
        var changed = new SemaphoreSlim(0);
        watcher.Created += (_, _) => changed.Release();
        watcher.Changed += (_, _) => changed.Release();
        watcher.Renamed += (_, _) => changed.Release();
        while (!(File.Exists(PersistenceFile) && File.GetLastWriteTimeUtc(PersistenceFile) > since))
        {
            // Re-check at least every second in case an inotify event is coalesced away.
            await changed.WaitAsync(TimeSpan.FromSeconds(1), timeout.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        _directory.Dispose();
    }

    private ChildProcess RunningProcess() =>
        _process is { HasExited: false } p ? p : throw new InvalidOperationException("mosquitto is not running.");

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(_executable, ["-c", ConfigFile], $"mosquitto on {Host}:{Port}", DataDirectory);
        _process = process;
        await process.WaitUntilReadyAsync(AnswersConnectAsync, ReadyTimeout, "answer CONNECT", cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> AnswersConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProbeAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false; // not listening yet
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends an MQTT 3.1.1 CONNECT and waits for the CONNACK: the broker is ready when it answers.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Host, Port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        var clientId = Encoding.ASCII.GetBytes("ss-fixture-probe");
        var remaining = 10 + 2 + clientId.Length;
        var packet = new List<byte> { 0x10, (byte)remaining, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C, 0x00, (byte)clientId.Length };
        packet.AddRange(clientId);
        await stream.WriteAsync(packet.ToArray(), cancellationToken).ConfigureAwait(false);
        var connack = new byte[4];
        await stream.ReadExactlyAsync(connack, cancellationToken).ConfigureAwait(false);
        if (connack[0] != 0x20)
        {
            throw new IOException($"unexpected answer 0x{connack[0]:X2} to CONNECT");
        }

        await stream.WriteAsync(new byte[] { 0xE0, 0x00 }, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        var o = Options;
        var config = new StringBuilder();
        config.AppendLine("# generated by SmartSensors.Testing.MosquittoFixture");
        config.AppendLine("per_listener_settings false");
        // Started as root, mosquitto would switch to the 'mosquitto' user and lose access to this directory.
        config.AppendLine(CultureInfo.InvariantCulture, $"user {Environment.UserName}");
        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} {Host}");
        var anonymous = o.AllowAnonymous ?? o.Users is null;
        config.AppendLine(anonymous ? "allow_anonymous true" : "allow_anonymous false");
        config.AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {o.MaxQueuedMessages}");
        config.AppendLine(CultureInfo.InvariantCulture, $"max_queued_bytes {o.MaxQueuedBytes}");
        config.AppendLine("log_dest stderr");
        config.AppendLine("log_type error");
        config.AppendLine("log_type warning");
        config.AppendLine("log_type notice");
        config.AppendLine("log_type information");
        config.AppendLine("log_timestamp_format %H:%M:%S");
        if (o.Persistence)
        {
            config.AppendLine("persistence true");
            config.AppendLine(CultureInfo.InvariantCulture, $"persistence_location {DataDirectory}/");
            config.AppendLine("persistence_file mosquitto.db");
            config.AppendLine(CultureInfo.InvariantCulture, $"autosave_interval {o.AutosaveIntervalSeconds}");
        }

        if (o.Users is not null)
        {
            var passwordFile = _directory.File("passwd");
            await WritePasswordFileAsync(passwordFile, o.Users, cancellationToken).ConfigureAwait(false);
            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        }

        if (o.Acl is not null)
        {
            var aclFile = _directory.File("acl");
            await File.WriteAllTextAsync(aclFile, o.Acl, cancellationToken).ConfigureAwait(false);
            config.AppendLine(CultureInfo.InvariantCulture, $"acl_file {aclFile}");
        }

        if (o.Tls is { } tls && TlsPort is { } tlsPort)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {tlsPort} {Host}");
            config.AppendLine(CultureInfo.InvariantCulture, $"cafile {tls.CaFile}");
            config.AppendLine(CultureInfo.InvariantCulture, $"certfile {tls.CertificateFile}");
            config.AppendLine(CultureInfo.InvariantCulture, $"keyfile {tls.KeyFile}");
            config.AppendLine("tls_version tlsv1.2");
            if (tls.RequireClientCertificate)
            {
                config.AppendLine("require_certificate true");
            }

            if (tls.UseIdentityAsUsername)
            {
                config.AppendLine("use_identity_as_username true");
            }
        }

        if (o.ExtraConfiguration is not null)
        {
            config.AppendLine(o.ExtraConfiguration);
        }

        await File.WriteAllTextAsync(ConfigFile, config.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task WritePasswordFileAsync(string path, IReadOnlyDictionary<string, string> users, CancellationToken cancellationToken)
    {
        var tool = RequiredTool.Find("mosquitto_passwd", "mosquitto");
        await File.WriteAllTextAsync(path, string.Empty, cancellationToken).ConfigureAwait(false);
        foreach (var (user, password) in users)
        {
            await using var process = ChildProcess.Start(tool, ["-b", path, user, password], "mosquitto_passwd", DataDirectory);
            await process.Exited.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                throw new InvalidOperationException(process.Describe("did not write the password file."));
            }
        }
    }
}
