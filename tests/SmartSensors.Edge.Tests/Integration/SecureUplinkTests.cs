using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SmartSensors.Contracts;
using SmartSensors.Edge.Tests.Support;
using SmartSensors.Testing.Certificates;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Edge.Tests.Integration;

/// <summary>
/// The gateway (child process) against a real mosquitto that requires TLS with a client certificate, a per-gateway
/// username and password, and an ACL that lets the gateway write only under its own prefix: readings flow, the retained
/// birth status says online, and after a SIGKILL the broker publishes the retained will: offline. The password never
/// appears in the gateway's output.
/// </summary>
public sealed class SecureUplinkTests
{
    private const string Site = "test-site";
    private const string Gateway = "tls-gw";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Gateway_WithTlsClientCertificateAndPassword_PublishesBirthReadingsAndWill()
    {
        using var directory = new TemporaryDirectory("edge-tls");
        var certificates = TestCertificates.Create(directory.File("certs"), Gateway);
        var gatewayPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var witnessPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Users = new Dictionary<string, string> { [Gateway] = gatewayPassword, ["witness"] = witnessPassword },
            Acl = $"user {Gateway}\ntopic write ss/v1/{Site}/{Gateway}/#\n\nuser witness\ntopic readwrite ss/v1/#\n",
            Tls = new MosquittoTlsOptions
            {
                CaFile = certificates.CaCertificateFile,
                CertificateFile = certificates.ServerCertificateFile,
                KeyFile = certificates.ServerKeyFile,
                RequireClientCertificate = true,
            },
        });
        var passwordFile = directory.File("broker-password");
        await File.WriteAllTextAsync(passwordFile, gatewayPassword + "\n");
        var config = EdgeTestConfig.Write(
            directory.File("gateway.json"),
            directory.File("outbox.db"),
            broker.TlsPort!.Value,
            sensors: 2,
            gatewayId: Gateway,
            site: Site,
            broker: b =>
            {
                b["Username"] = Gateway;
                b["PasswordFile"] = passwordFile;
                b["Tls"] = new JsonObject
                {
                    ["Enabled"] = true,
                    ["CaFile"] = certificates.CaCertificateFile,
                    ["CertificateFile"] = certificates.ClientCertificateFile,
                    ["KeyFile"] = certificates.ClientKeyFile,
                };
            });
        await using var witness = await MosquittoSubRecorder.StartAsync(broker, directory.File("received.txt"), "tls-witness", $"ss/v1/{Site}/{Gateway}/#", "witness", witnessPassword);
        var statusTopic = Topics.Status(Site, Gateway);

        await using (var gateway = EdgeGatewayProcess.Start(config, "gateway", directory.Path))
        {
            await witness.WaitUntilAsync(w => w.Readings(Site, Gateway).Count >= 10, Patience, "readings over TLS");
            await witness.WaitUntilAsync(w => Status(w, statusTopic).Any(s => s.State == GatewayState.Online), Patience, "the birth status");
            await gateway.KillAsync();
            await witness.WaitUntilAsync(w => Status(w, statusTopic).Any(s => s.State == GatewayState.Offline), Patience, "the offline will");
            Assert.DoesNotContain(gatewayPassword, gateway.RecentOutput, StringComparison.Ordinal);
        }

        var birth = Status(witness, statusTopic).First(s => s.State == GatewayState.Online);
        Assert.Equal(["s00", "s01", "gateway"], birth.Sensors!.Select(s => s.SensorId));
        Assert.Equal(SensorKind.Weather, birth.Sensors![0].Kind);

        // Retained: a client that subscribes now is told the gateway is offline.
        var sub = RequiredTool.Find("mosquitto_sub", "mosquitto-clients");
        await using var late = ChildProcess.Start(sub, ["-h", broker.Host, "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", "witness", "-P", witnessPassword, "-C", "1", "-W", "30", "-t", statusTopic], "late subscriber");
        var retained = await late.WaitForLineAsync(l => l.StartsWith('{'), Patience);
        Assert.True(GatewayStatusCodec.TryDecode(System.Text.Encoding.UTF8.GetBytes(retained), out var status, out var errors), string.Join("; ", errors));
        Assert.Equal(GatewayState.Offline, status!.State);
    }

    private static List<GatewayStatus> Status(MosquittoSubRecorder witness, string topic) =>
        witness.Lines()
            .Where(l => l.StartsWith(topic + " ", StringComparison.Ordinal))
            .Select(l => GatewayStatusCodec.TryDecode(System.Text.Encoding.UTF8.GetBytes(l[(topic.Length + 1)..]), out var s, out _) ? s : null)
            .OfType<GatewayStatus>()
            .ToList();
}
