using System.Text;
using System.Text.Json;
using SmartSensors.Admin.Tests.Support;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Admin.Tests.Gateways;

/// <summary>
/// The configuration file <c>gateway add</c> writes is accepted by the real gateway program (smartsensors-edge, run as a child
/// process with <c>--config</c>): it validates, connects over TLS with the generated credentials and publishes where the cloud sees it.
/// </summary>
public sealed class GatewayConfigFileTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("admin-edge");

    [Fact]
    public async Task GatewayAdd_WithTemplate_EdgeProgramAcceptsFileConnectsAndItsReadingsAndStatusReachTheCloud()
    {
        var template = WriteTemplate(_scratch.File("template.json"), _scratch.File("outbox.db"));
        await using var bed = await SecuredBroker.StartAsync(["queens-square/bed-gw-14"], ["svc-cloud"], template);
        var gateway = bed.Gateways["queens-square/bed-gw-14"];
        var json = await File.ReadAllTextAsync(gateway.ConfigFile);
        Assert.DoesNotContain("template-leak", json, StringComparison.Ordinal);       // the template's password is not carried over
        Assert.DoesNotContain(gateway.Password, json, StringComparison.Ordinal);      // the password is only in broker-password
        Assert.DoesNotContain("Description", json, StringComparison.Ordinal);         // the template's location was another gateway's

        await using var cloud = await SecuredBroker.ConnectAsync(bed.ServiceOptions("svc-cloud", "cloud1"));
        await cloud.SubscribeAsync([new MqttSubscription { TopicFilter = "ss/v1/+/+/readings" }, new MqttSubscription { TopicFilter = "ss/v1/+/+/status" }], CancellationToken.None);

        await using var edge = ChildProcess.Start(
            DotnetHost(),
            [Path.Combine(AppContext.BaseDirectory, "smartsensors-edge.dll"), "--config", gateway.ConfigFile],
            "smartsensors-edge (provisioned)",
            _scratch.Path,
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var topics = new HashSet<string>();
        string? pack = null;
        try
        {
            while (pack is null || !topics.Contains(Topics.Status("queens-square", "bed-gw-14")))
            {
                var message = await cloud.Messages.ReadAsync(timeout.Token);
                topics.Add(message.Topic);
                if (message.Topic == gateway.ReadingsTopic)
                {
                    pack = Encoding.UTF8.GetString(message.Payload.Span);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No readings and status from the provisioned gateway within 60 s; saw [{string.Join(", ", topics)}]. Gateway output:\n{edge.RecentOutput}");
        }

        Assert.Contains("urn:dev:ss:bed-gw-14:", pack, StringComparison.Ordinal);
        Assert.Equal([gateway.ReadingsTopic, Topics.Status("queens-square", "bed-gw-14")], topics.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GatewayAdd_WithoutTemplate_EdgeProgramRefusesOnlyForMissingSensors()
    {
        // No broker needed: the program validates its configuration before it connects.
        var passwd = _scratch.File("passwd");
        var acl = _scratch.File("acl");
        await File.WriteAllTextAsync(passwd, string.Empty);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "templates", "acl"), acl);
        var certificates = SmartSensors.Testing.Certificates.TestCertificates.Create(_scratch.File("certs"));
        var directory = _scratch.File("bed-gw-15");
        (await AdminRun.RunAsync(
            "gateway", "add", "--site", "queens-square", "--gateway", "bed-gw-15", "--broker-host", "mqtt.example.gov.uk",
            "--out", directory, "--install-dir", directory, "--outbox-path", _scratch.File("outbox.db"),
            "--password-file", passwd, "--acl-file", acl, "--ca-file", certificates.CaCertificateFile)).Succeeded();
        var gateway = new ProvisionedGateway("queens-square", "bed-gw-15", directory);

        await using var edge = ChildProcess.Start(
            DotnetHost(),
            [Path.Combine(AppContext.BaseDirectory, "smartsensors-edge.dll"), "--config", gateway.ConfigFile],
            "smartsensors-edge (no sensors)",
            _scratch.Path,
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });
        var exitCode = await edge.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Exit 2 = invalid configuration. Every setting the tool wrote passed (gateway, broker, TLS CA, password file);
        // only the sensor list, which the tool cannot know and says it cannot, is reported.
        var problems = edge.RecentOutput.Split('\n').Where(l => l.StartsWith("  SmartSensors:", StringComparison.Ordinal)).ToList();
        Assert.True(exitCode == 2, edge.RecentOutput);
        Assert.Equal(["  SmartSensors:Sensors must list at least one sensor."], problems);
    }

    public void Dispose() => _scratch.Dispose();

    private static string WriteTemplate(string path, string outbox)
    {
        var template = new
        {
            SmartSensors = new
            {
                Gateway = new { Id = "template-gw", Site = "template-site", HealthInterval = "00:00:02", Location = new { Latitude = 53.0, Longitude = -3.0, Description = "another bed" } },
                Broker = new { Host = "example.invalid", Password = "template-leak", ReadingsPerPack = 1, ReconnectMinDelay = "00:00:00.200", Tls = new { Enabled = false } },
                Outbox = new { Path = outbox },
                Simulation = new { Seed = 1, SpeedUp = 1 },
                Sensors = new[]
                {
                    new { Id = "bed14", Kind = "soil-moisture", Bus = "simulated", Address = "0x48", Channel = 0, DryRaw = 21000, WetRaw = 9000, Interval = "00:00:01", Timeout = "00:00:00.500" },
                },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(template));
        return path;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : RequiredTool.Find("dotnet", "dotnet-sdk-10.0");
}
