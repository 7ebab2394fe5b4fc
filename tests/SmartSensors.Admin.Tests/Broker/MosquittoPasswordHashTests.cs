using SmartSensors.Admin.Broker;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Admin.Tests.Broker;

/// <summary>Our $7$ hashes and mosquitto_passwd's are the same format (acceptance by the broker itself is in GatewayBrokerAccessTests).</summary>
public sealed class MosquittoPasswordHashTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("admin-hash");

    [Fact]
    public async Task Verify_LineWrittenByMosquittoPasswd_MatchesOnlyTheRightPassword()
    {
        var file = _scratch.File("passwd");
        await File.WriteAllTextAsync(file, string.Empty);
        // A fixed test password on a command line is fine here; the tool itself never does this (see MosquittoPasswordHash).
        await using (var tool = ChildProcess.Start(RequiredTool.Find("mosquitto_passwd", "mosquitto"), ["-b", file, "site/gw", "correct horse"], "mosquitto_passwd", _scratch.Path))
        {
            Assert.Equal(0, await tool.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var hash = (await File.ReadAllTextAsync(file)).Trim()["site/gw:".Length..];

        Assert.StartsWith("$7$101$", hash, StringComparison.Ordinal);
        Assert.True(MosquittoPasswordHash.Verify("correct horse", hash));
        Assert.False(MosquittoPasswordHash.Verify("correct horsE", hash));
    }

    [Fact]
    public void Create_SamePasswordTwice_DifferentSaltsBothVerify()
    {
        var first = MosquittoPasswordHash.Create("p");
        var second = MosquittoPasswordHash.Create("p");

        Assert.NotEqual(first, second);
        Assert.True(MosquittoPasswordHash.Verify("p", first));
        Assert.True(MosquittoPasswordHash.Verify("p", second));
        Assert.Matches(@"^\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$", first);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$6$abc$def")]
    [InlineData("$7$0$AAAA$AAAA")]
    [InlineData("$7$99999999999$AAAA$AAAA")]
    [InlineData("$7$101$!!!$AAAA")]
    [InlineData("$7$101$AAAA")]
    public void Verify_MalformedHash_FalseWithoutThrowing(string hash) =>
        Assert.False(MosquittoPasswordHash.Verify("p", hash));

    public void Dispose() => _scratch.Dispose();
}
