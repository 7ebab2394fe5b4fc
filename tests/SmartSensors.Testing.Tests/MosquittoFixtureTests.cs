using SmartSensors.Testing.Certificates;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Testing.Tests;

public sealed class MosquittoFixtureTests
{
    [Fact]
    public async Task StartAsync_PublishWithMosquittoPub_ReceivedByMosquittoSub()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker, "ss/v1/park/gw-1/readings", 1);

        var (code, output) = await MosquittoClients.PublishAsync(broker, "ss/v1/park/gw-1/readings", "hello bed 14");

        Assert.True(code == 0, output);
        Assert.Equal(0, await subscriber.WaitForExitAsync(MosquittoClients.Timeout));
        Assert.Contains("hello bed 14", MosquittoClients.Payloads(subscriber));
    }

    [Fact]
    public async Task StartAsync_BadConfiguration_FailsWithTheBrokersOwnMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MosquittoFixture.StartAsync(new MosquittoOptions { ExtraConfiguration = "no_such_option 1" }));

        Assert.Contains("exited during start-up", error.Message);
        Assert.Contains("no_such_option", error.Message);
    }

    [Fact]
    public async Task KillAsync_ThenRestart_SamePortAndRetainedMessageKept()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true });
        var port = broker.Port;
        var before = DateTime.UtcNow;
        var (code, output) = await MosquittoClients.PublishAsync(broker, "ss/v1/river/gw-2/status", "online", "-r");
        Assert.True(code == 0, output);
        await broker.WaitForPersistenceSaveAsync(before);
        var firstPid = broker.ProcessId;

        await broker.KillAsync();
        Assert.Null(broker.ProcessId);
        await broker.RestartAsync();

        Assert.Equal(port, broker.Port);
        Assert.NotEqual(firstPid, broker.ProcessId);
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker, "ss/v1/river/gw-2/status", 1);
        Assert.Equal(0, await subscriber.WaitForExitAsync(MosquittoClients.Timeout));
        Assert.Contains("online", MosquittoClients.Payloads(subscriber));
    }

    [Fact]
    public async Task Pause_ThenResume_MessagesFlowAgain()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker, "t/pause", 1);
        broker.Pause();
        var publish = MosquittoClients.PublishAsync(broker, "t/pause", "after partition");
        // While paused the broker cannot answer, so the publisher cannot have finished.
        var early = await Task.WhenAny(publish, Task.Delay(500));
        Assert.NotSame(publish, early);

        broker.Resume();

        var (code, output) = await publish;
        Assert.True(code == 0, output);
        Assert.Equal(0, await subscriber.WaitForExitAsync(MosquittoClients.Timeout));
        Assert.Contains("after partition", MosquittoClients.Payloads(subscriber));
    }

    [Fact]
    public async Task Users_WrongPassword_Refused_RightPasswordAccepted()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Users = new Dictionary<string, string> { ["gw-1"] = "s3cret-for-gw-1" },
        });

        var (anonymous, _) = await MosquittoClients.PublishAsync(broker, "t/x", "m");
        var (wrong, _) = await MosquittoClients.PublishAsync(broker, "t/x", "m", "-u", "gw-1", "-P", "nope");
        var (right, output) = await MosquittoClients.PublishAsync(broker, "t/x", "m", "-u", "gw-1", "-P", "s3cret-for-gw-1");

        Assert.NotEqual(0, anonymous);
        Assert.NotEqual(0, wrong);
        Assert.True(right == 0, output);
    }

    [Fact]
    public async Task Acl_PublishOutsideOwnPrefix_NotDelivered()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Users = new Dictionary<string, string> { ["gw-1"] = "pw-gw-1", ["ingest"] = "pw-ingest" },
            Acl = """
                user gw-1
                topic write ss/v1/park/gw-1/#

                user ingest
                topic read ss/v1/#
                """,
        });
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker, "ss/v1/#", 1, "-u", "ingest", "-P", "pw-ingest", "-v");

        await MosquittoClients.PublishAsync(broker, "ss/v1/park/gw-9/readings", "spoofed", "-u", "gw-1", "-P", "pw-gw-1");
        await MosquittoClients.PublishAsync(broker, "ss/v1/park/gw-1/readings", "genuine", "-u", "gw-1", "-P", "pw-gw-1");

        Assert.Equal(0, await subscriber.WaitForExitAsync(MosquittoClients.Timeout));
        var received = MosquittoClients.Payloads(subscriber);
        Assert.Equal(["ss/v1/park/gw-1/readings genuine"], received);
    }

    [Fact]
    public async Task Tls_ClientTrustingTestCa_Connects_ClientTrustingOtherCa_Refused()
    {
        using var certificates = new TemporaryDirectory("certs");
        var set = TestCertificates.Create(certificates.Path);
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Tls = new MosquittoTlsOptions { CaFile = set.CaCertificateFile, CertificateFile = set.ServerCertificateFile, KeyFile = set.ServerKeyFile },
        });
        var tlsPort = broker.TlsPort!.Value.ToString();

        var (good, goodOutput) = await MosquittoClients.PublishAsync(broker, "t/tls", "m", "-p", tlsPort, "--cafile", set.CaCertificateFile);
        var (bad, _) = await MosquittoClients.PublishAsync(broker, "t/tls", "m", "-p", tlsPort, "--cafile", set.OtherCaCertificateFile);

        Assert.True(good == 0, goodOutput + broker.RecentOutput);
        Assert.NotEqual(0, bad);
    }

    [Fact]
    public async Task Tls_RequireClientCertificate_WithoutCertificateRefused_WithCertificateAccepted()
    {
        using var certificates = new TemporaryDirectory("certs");
        var set = TestCertificates.Create(certificates.Path, "gw-1");
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Tls = new MosquittoTlsOptions
            {
                CaFile = set.CaCertificateFile,
                CertificateFile = set.ServerCertificateFile,
                KeyFile = set.ServerKeyFile,
                RequireClientCertificate = true,
            },
        });
        var tlsPort = broker.TlsPort!.Value.ToString();

        var (without, _) = await MosquittoClients.PublishAsync(broker, "t/tls", "m", "-p", tlsPort, "--cafile", set.CaCertificateFile);
        var (with, output) = await MosquittoClients.PublishAsync(broker, "t/tls", "m", "-p", tlsPort, "--cafile", set.CaCertificateFile, "--cert", set.ClientCertificateFile, "--key", set.ClientKeyFile);

        Assert.NotEqual(0, without);
        Assert.True(with == 0, output + broker.RecentOutput);
    }
}
