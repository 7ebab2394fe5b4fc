using System.Net.Sockets;
using SmartSensors.Admin.Tests.Support;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Certificates;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Admin.Tests.Broker;

/// <summary>
/// hardware/mosquitto/mosquitto.conf as shipped, with only its file paths, its port and its log destination changed for a test
/// directory, is accepted by the real mosquitto 2.0 and serves a provisioned gateway over TLS with the shipped ACL.
/// (The MosquittoFixture writes its own configuration, so this test starts mosquitto itself.)
/// </summary>
public sealed class ProductionTemplateTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("admin-template");

    [Fact]
    public async Task ProductionConfig_WithTestPaths_StartsAndProvisionedGatewayPublishesOverTls()
    {
        var certificates = TestCertificates.Create(_scratch.File("certs"));
        var passwd = _scratch.File("passwd");
        var acl = _scratch.File("acl");
        await File.WriteAllTextAsync(passwd, string.Empty);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "templates", "acl"), acl);
        var port = FreePort.Next();
        var gatewayDirectory = _scratch.File("gw");
        (await AdminRun.RunAsync(
            "gateway", "add", "--site", "queens-square", "--gateway", "gw-a", "--broker-host", "127.0.0.1", "--broker-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out", gatewayDirectory, "--install-dir", gatewayDirectory, "--password-file", passwd, "--acl-file", acl, "--ca-file", certificates.CaCertificateFile)).Succeeded();

        var template = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "templates", "mosquitto.conf"));
        var config = template.Select(line => line switch
        {
            _ when line.StartsWith("pid_file ", StringComparison.Ordinal) => $"user {Environment.UserName}",
            _ when line.StartsWith("listener 8883", StringComparison.Ordinal) => $"listener {port} 127.0.0.1",
            _ when line.StartsWith("log_dest ", StringComparison.Ordinal) => "log_dest stderr",
            _ => line
                .Replace("/etc/mosquitto/certs/server.crt", certificates.ServerCertificateFile, StringComparison.Ordinal)
                .Replace("/etc/mosquitto/certs/server.key", certificates.ServerKeyFile, StringComparison.Ordinal)
                .Replace("/etc/mosquitto/certs/ca.crt", certificates.CaCertificateFile, StringComparison.Ordinal)
                .Replace("/etc/mosquitto/passwd", passwd, StringComparison.Ordinal)
                .Replace("/etc/mosquitto/acl", acl, StringComparison.Ordinal)
                .Replace("/var/lib/mosquitto/", _scratch.Path + "/", StringComparison.Ordinal),
        }).ToList();
        Assert.DoesNotContain(config, l => !l.StartsWith('#') && (l.Contains("/etc/", StringComparison.Ordinal) || l.Contains("/var/", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(_scratch.File("mosquitto.conf"), config);

        await using var broker = ChildProcess.Start(RequiredTool.Find("mosquitto", "mosquitto"), ["-c", _scratch.File("mosquitto.conf")], "mosquitto (production template)", _scratch.Path);
        await broker.WaitUntilReadyAsync(async ct =>
        {
            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync("127.0.0.1", port, ct);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "listen");

        var gateway = new ProvisionedGateway("queens-square", "gw-a", gatewayDirectory);
        await using var client = await SecuredBroker.ConnectAsync(gateway.ClientOptions("gwa"));
        using var timeout = new CancellationTokenSource(SecuredBroker.Long);
        var own = await client.PublishAsync(new MqttApplicationMessage { Topic = gateway.ReadingsTopic, Payload = "[]"u8.ToArray() }, timeout.Token);
        var other = await client.PublishAsync(new MqttApplicationMessage { Topic = "ss/v1/queens-square/gw-b/readings", Payload = "[]"u8.ToArray() }, timeout.Token);

        Assert.True(own.IsSuccess, broker.RecentOutput);
        Assert.Equal(MqttReasonCode.NotAuthorized, other.ReasonCode);

        // Plain MQTT on the TLS port: the broker never reads a CONNECT in clear text.
        await using var plain = MqttClientFactory.Create(new MqttClientOptions
        {
            ClientId = "plain1", Host = "127.0.0.1", Port = port, Username = "queens-square/gw-a", Password = gateway.Password,
            Reconnect = new MqttReconnectOptions { Enabled = false }, ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        await Assert.ThrowsAnyAsync<Exception>(() => plain.ConnectAsync(timeout.Token));
    }

    public void Dispose() => _scratch.Dispose();
}
