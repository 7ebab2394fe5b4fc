using System.Globalization;
using System.Text;
using System.Threading.Channels;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Certificates;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Admin.Tests.Support;

/// <summary>
/// A real mosquitto whose only security is what smartsensors-admin produced: its password file (gateways and service accounts
/// added by the tool), the shipped ACL template (hardware/mosquitto/acl) as edited by the tool, and a TLS listener on the port the
/// tool wrote into each gateway's configuration. Anonymous clients are not allowed.
/// </summary>
internal sealed class SecuredBroker : IAsyncDisposable
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _directory;
    private readonly Dictionary<string, ProvisionedGateway> _gateways = [];

    private SecuredBroker(TemporaryDirectory directory)
    {
        _directory = directory;
        Certificates = TestCertificates.Create(directory.File("certs"));
        PasswordFile = directory.File("passwd");
        AclFile = directory.File("acl");
        TlsPort = FreePort.Next();
        File.WriteAllText(PasswordFile, string.Empty);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "templates", "acl"), AclFile);
    }

    public TestCertificateSet Certificates { get; }

    public string PasswordFile { get; }

    public string AclFile { get; }

    public int TlsPort { get; }

    public string Directory => _directory.Path;

    public MosquittoFixture Broker { get; private set; } = null!;

    public IReadOnlyDictionary<string, ProvisionedGateway> Gateways => _gateways;

    /// <summary>Provisions the gateways (<c>site/gateway</c>) and service accounts with the tool, then starts mosquitto.</summary>
    /// <param name="gateways">Gateways to provision, as <c>site/gateway</c>.</param>
    /// <param name="serviceAccounts">Service accounts to create.</param>
    /// <param name="template">A gateway configuration template for <c>gateway add --template</c>.</param>
    /// <param name="extraAcl">Lines appended to the ACL template (e.g. the future remote-configuration account).</param>
    public static async Task<SecuredBroker> StartAsync(IEnumerable<string> gateways, IEnumerable<string> serviceAccounts, string? template = null, string? extraAcl = null)
    {
        var bed = new SecuredBroker(new TemporaryDirectory("admin-broker"));
        try
        {
            if (extraAcl is not null)
            {
                await File.AppendAllTextAsync(bed.AclFile, "\n" + extraAcl + "\n");
            }

            foreach (var name in gateways)
            {
                await bed.AddGatewayAsync(name, template);
            }

            foreach (var account in serviceAccounts)
            {
                (await AdminRun.RunAsync("service-account", "add", "--name", account, "--password-file", bed.PasswordFile, "--out", bed.ServiceDirectory)).Succeeded();
            }

            bed.Broker = await MosquittoFixture.StartAsync(new MosquittoOptions
            {
                AllowAnonymous = false,
                ExtraConfiguration = bed.BrokerConfiguration(),
            });
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    private string ServiceDirectory => _directory.File("service-accounts");

    /// <summary>Runs <c>gateway add</c> for <paramref name="name"/> (<c>site/gateway</c>) with this broker's files, port and CA.</summary>
    public async Task<ProvisionedGateway> AddGatewayAsync(string name, string? template = null, params string[] extra)
    {
        var (site, gateway) = (name.Split('/')[0], name.Split('/')[1]);
        var directory = _directory.File(Path.Combine("gateways", site, gateway));
        var args = new List<string>
        {
            "gateway", "add", "--site", site, "--gateway", gateway,
            "--broker-host", "127.0.0.1", "--broker-port", TlsPort.ToString(CultureInfo.InvariantCulture),
            "--out", directory, "--install-dir", directory,
            "--password-file", PasswordFile, "--acl-file", AclFile, "--ca-file", Certificates.CaCertificateFile,
        };
        if (template is not null)
        {
            args.AddRange(["--template", template]);
        }

        args.AddRange(extra);
        (await AdminRun.RunAsync([.. args])).Succeeded();
        var provisioned = new ProvisionedGateway(site, gateway, directory);
        _gateways[name] = provisioned;
        return provisioned;
    }

    /// <summary>SIGHUP: mosquitto re-reads its password and ACL files (what <c>systemctl reload mosquitto</c> does).</summary>
    public void Reload() => Signals.Send(Broker.ProcessId ?? throw new InvalidOperationException("mosquitto is not running."), 1);

    /// <summary>MQTT 5 options for a service account, over TLS, with the password the tool wrote.</summary>
    public MqttClientOptions ServiceOptions(string account, string clientId) => new()
    {
        ClientId = clientId,
        Host = "127.0.0.1",
        Port = TlsPort,
        Username = account,
        Password = File.ReadAllLines(Path.Combine(ServiceDirectory, $"{account}.password"))[0],
        Tls = new MqttTlsOptions { Enabled = true, CaFile = Certificates.CaCertificateFile },
        Reconnect = new MqttReconnectOptions { Enabled = false },
        AutoAcknowledge = true,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Options for any credentials (e.g. none, or a wrong password) on the TLS listener.</summary>
    public MqttClientOptions AnyOptions(string clientId, string? username, string? password) => new()
    {
        ClientId = clientId,
        Host = "127.0.0.1",
        Port = TlsPort,
        Username = username,
        Password = password,
        Tls = new MqttTlsOptions { Enabled = true, CaFile = Certificates.CaCertificateFile },
        Reconnect = new MqttReconnectOptions { Enabled = false },
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Connects a client and returns it (disposed by the caller).</summary>
    public static async Task<IMqttClient> ConnectAsync(MqttClientOptions options)
    {
        var client = MqttClientFactory.Create(options);
        try
        {
            using var timeout = new CancellationTokenSource(Long);
            await client.ConnectAsync(timeout.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads messages until one arrives on <paramref name="markerTopic"/> with <paramref name="markerPayload"/>; returns all read.</summary>
    public static async Task<List<MqttReceivedMessage>> ReadUntilMarkerAsync(ChannelReader<MqttReceivedMessage> messages, string markerTopic, string markerPayload)
    {
        using var timeout = new CancellationTokenSource(Long);
        var seen = new List<MqttReceivedMessage>();
        while (true)
        {
            MqttReceivedMessage message;
            try
            {
                message = await messages.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The marker on {markerTopic} did not arrive within {Long.TotalSeconds} s; saw: {string.Join(", ", seen.Select(m => m.Topic))}");
            }

            seen.Add(message);
            if (message.Topic == markerTopic && Encoding.UTF8.GetString(message.Payload.Span) == markerPayload)
            {
                return seen;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        _directory.Dispose();
    }

    private string BrokerConfiguration()
    {
        var config = new StringBuilder();
        config.AppendLine(CultureInfo.InvariantCulture, $"password_file {PasswordFile}");
        config.AppendLine(CultureInfo.InvariantCulture, $"acl_file {AclFile}");
        config.AppendLine("allow_zero_length_clientid false");
        config.AppendLine(CultureInfo.InvariantCulture, $"listener {TlsPort} 127.0.0.1");
        config.AppendLine(CultureInfo.InvariantCulture, $"cafile {Certificates.CaCertificateFile}");
        config.AppendLine(CultureInfo.InvariantCulture, $"certfile {Certificates.ServerCertificateFile}");
        config.AppendLine(CultureInfo.InvariantCulture, $"keyfile {Certificates.ServerKeyFile}");
        config.AppendLine("tls_version tlsv1.2");
        return config.ToString();
    }
}
