using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SmartSensors.Admin.Tests.Support;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Admin.Tests.Cli;

/// <summary>The command line itself: refusals with clear messages and exit codes, idempotence, file modes, API keys, help.</summary>
public sealed partial class AdminCommandLineTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("admin-cli");
    private readonly string _passwd;
    private readonly string _acl;

    public AdminCommandLineTests()
    {
        _passwd = _scratch.File("passwd");
        _acl = _scratch.File("acl");
        File.WriteAllText(_passwd, string.Empty);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "templates", "acl"), _acl);
    }

    public static TheoryData<string> HostileIds => new()
    {
        "../x", "a/b", "+", "#", "", "Queens-Square", "a b", "bed\n14", "bed:14", "x\0y", "%u", new string('a', 65), "..",
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task GatewayAdd_HostileSite_RefusedWithMessageAndNothingWritten(string site)
    {
        var run = await AddAsync(site, "gw-1", "out");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--site", run.Error, StringComparison.Ordinal);
        Assert.Contains("1-64 characters of lowercase a-z, 0-9 and '-'", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(_passwd));
        Assert.False(Directory.Exists(_scratch.File("out")));
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task GatewayAdd_HostileGateway_RefusedWithMessageAndNothingWritten(string gateway)
    {
        var run = await AddAsync("queens-square", gateway, "out");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--gateway", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(_passwd));
        Assert.False(Directory.Exists(_scratch.File("out")));
    }

    [Theory]
    [InlineData("mqtt://broker.example")]
    [InlineData("broker.example:8883")]
    [InlineData("broker example")]
    [InlineData("broker.example/path")]
    public async Task GatewayAdd_BadBrokerHost_RefusedNamingTheOption(string host)
    {
        var run = await AdminRun.RunAsync("gateway", "add", "--site", "s", "--gateway", "g", "--broker-host", host, "--out", _scratch.File("out"), "--password-file", _passwd, "--acl-file", _acl);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--broker-host", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(_passwd));
    }

    [Fact]
    public async Task GatewayAdd_TwiceForSameGateway_SecondRefusedWithConflictAndFirstCredentialsKept()
    {
        (await AddAsync("queens-square", "gw-1", "first")).Succeeded();
        var passwd = await File.ReadAllTextAsync(_passwd);
        var password = await File.ReadAllTextAsync(_scratch.File("first/broker-password"));

        var again = await AddAsync("queens-square", "gw-1", "second");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already has broker credentials", again.Error, StringComparison.Ordinal);
        Assert.Contains("--rotate", again.Error, StringComparison.Ordinal);
        Assert.Equal(passwd, await File.ReadAllTextAsync(_passwd));
        Assert.Equal(password, await File.ReadAllTextAsync(_scratch.File("first/broker-password")));
        Assert.False(Directory.Exists(_scratch.File("second")));
    }

    [Fact]
    public async Task GatewayAdd_IntoDirectoryOfAnotherGateway_RefusedUnlessRotate()
    {
        (await AddAsync("queens-square", "gw-1", "shared")).Succeeded();

        var other = await AddAsync("queens-square", "gw-2", "shared");

        Assert.Equal(2, other.ExitCode);
        Assert.Contains("already holds a gateway's files", other.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("gw-2", await File.ReadAllTextAsync(_passwd), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAdd_RotateOfUnknownGateway_RefusedWithConflict()
    {
        var run = await AddAsync("queens-square", "gw-9", "out", "--rotate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no credentials", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point of the test
    public async Task GatewayAdd_NewGateway_SecretsOwnerOnlyPasswordStrongAndUniqueAndAclRulesOnce()
    {
        var first = (await AddAsync("queens-square", "gw-1", "one")).Succeeded();
        (await AddAsync("riverside", "gw-2", "two")).Succeeded();

        foreach (var file in new[] { "one/broker-password", "one/gateway.json", "one/ca.pem", "two/broker-password" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_scratch.File(file)));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_scratch.File("one")));
        var one = (await File.ReadAllTextAsync(_scratch.File("one/broker-password"))).TrimEnd('\n');
        var two = (await File.ReadAllTextAsync(_scratch.File("two/broker-password"))).TrimEnd('\n');
        Assert.Equal(32, Base64Url.DecodeFromChars(one).Length);
        Assert.NotEqual(one, two);
        Assert.DoesNotContain(one, first.Output, StringComparison.Ordinal); // never printed
        Assert.DoesNotContain(one, await File.ReadAllTextAsync(_passwd), StringComparison.Ordinal);

        var acl = await File.ReadAllLinesAsync(_acl);
        Assert.Single(acl, l => l == "pattern write ss/v1/%u/readings");
        Assert.Contains("Next steps", first.Output, StringComparison.Ordinal);
        Assert.Contains("ss/v1/queens-square/gw-1/", first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAdd_AclWithoutGatewayRules_RulesAppendedOnceAndOtherLinesKept()
    {
        await File.WriteAllTextAsync(_acl, "user svc-ingest\ntopic read ss/v1/+/+/readings\n");

        var run = (await AddAsync("queens-square", "gw-1", "one")).Succeeded();
        (await AddAsync("queens-square", "gw-2", "two")).Succeeded();

        var acl = await File.ReadAllLinesAsync(_acl);
        Assert.Equal(["user svc-ingest", "topic read ss/v1/+/+/readings"], acl.Take(2));
        Assert.Single(acl, l => l == "pattern write ss/v1/%u/readings");
        Assert.Single(acl, l => l == "pattern write ss/v1/%u/status");
        Assert.Single(acl, l => l == "pattern read ss/v1/%u/config");
        Assert.Contains("added 3 gateway rule(s)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAdd_MissingPasswordFile_FileErrorWithHowToCreateIt()
    {
        var run = await AdminRun.RunAsync("gateway", "add", "--site", "s", "--gateway", "g", "--broker-host", "h", "--out", _scratch.File("out"), "--password-file", _scratch.File("nope"), "--acl-file", _acl);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("install -m 0640", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"SmartSensors\": 5}")]
    public async Task GatewayAdd_BadTemplate_RefusedBeforeAnyCredentialExists(string template)
    {
        await File.WriteAllTextAsync(_scratch.File("template.json"), template);

        var run = await AddAsync("queens-square", "gw-1", "out", "--template", _scratch.File("template.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--template", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(_passwd));
        Assert.False(Directory.Exists(_scratch.File("out")));
    }

    [Fact]
    public async Task GatewayList_AfterAddsAndServiceAccount_ListsGatewaysBySiteAndCountsOthers()
    {
        (await AddAsync("riverside", "gw-2", "two")).Succeeded();
        (await AddAsync("queens-square", "gw-1", "one")).Succeeded();
        (await AdminRun.RunAsync("service-account", "add", "--name", "svc-ingest", "--password-file", _passwd, "--out", _scratch.File("svc"))).Succeeded();

        var list = (await AdminRun.RunAsync("gateway", "list", "--password-file", _passwd)).Succeeded();

        var rows = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^queens-square\s+gw-1$", rows[1]);
        Assert.Matches(@"^riverside\s+gw-2$", rows[2]);
        Assert.Contains("2 gateway(s); 1 other account(s): svc-ingest.", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayRemove_UnknownGateway_ConflictAndFileUnchanged()
    {
        (await AddAsync("queens-square", "gw-1", "one")).Succeeded();
        var before = await File.ReadAllTextAsync(_passwd);

        var run = await AdminRun.RunAsync("gateway", "remove", "--site", "queens-square", "--gateway", "gw-2", "--password-file", _passwd);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(before, await File.ReadAllTextAsync(_passwd));
    }

    [Theory]
    [InlineData("svc/ingest")]
    [InlineData("queens-square/gw-1")]
    [InlineData("svc+")]
    [InlineData("")]
    public async Task ServiceAccountAdd_NameThatCouldPassForAGatewayOrWildcard_Refused(string name)
    {
        var run = await AdminRun.RunAsync("service-account", "add", "--name", name, "--password-file", _passwd, "--out", _scratch.File("svc"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--name", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(_passwd));
    }

    [Fact]
    public async Task ApiKeyCreate_TwoRoles_PrintsKeyOnceAndConfigLinesWithItsLowerHexSha256()
    {
        var run = (await AdminRun.RunAsync("api-key", "create", "--name", "flood-dashboard", "--role", "resilience", "--role", "operator", "--index", "3")).Succeeded();

        var key = Assert.Single(KeyPattern().Matches(run.Output)).Value;
        Assert.Equal(32, Base64Url.DecodeFromChars(key.AsSpan(4)).Length);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        Assert.Contains($"Api:Auth:ApiKeys:3:Name=flood-dashboard\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Api:Auth:ApiKeys:3:Sha256={hash}\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Api:Auth:ApiKeys:3:Roles:0=resilience\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Api:Auth:ApiKeys:3:Roles:1=operator\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Api__Auth__ApiKeys__3__Sha256={hash}\n", run.Output, StringComparison.Ordinal);

        var second = (await AdminRun.RunAsync("api-key", "create", "--name", "flood-dashboard", "--role", "resilience")).Succeeded();
        Assert.NotEqual(key, KeyPattern().Match(second.Output).Value);
    }

    [Theory]
    [InlineData("--role", "superuser")]
    [InlineData("--role", "Admin")]
    public async Task ApiKeyCreate_UnknownRole_RefusedListingTheRoles(string option, string role)
    {
        var run = await AdminRun.RunAsync("api-key", "create", "--name", "x", option, role);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("operative, environment, resilience, operator, admin", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ssk_", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyCreate_WithoutRole_RefusedByTheParser()
    {
        var run = await AdminRun.RunAsync("api-key", "create", "--name", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--role", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_RootAndGatewayAdd_ExplainCommandsOptionsAndExitCodes()
    {
        var root = (await AdminRun.RunAsync("--help")).Succeeded();
        var add = (await AdminRun.RunAsync("gateway", "add", "--help")).Succeeded();

        foreach (var command in new[] { "gateway", "service-account", "api-key", "Exit codes" })
        {
            Assert.Contains(command, root.Output, StringComparison.Ordinal);
        }

        foreach (var option in new[] { "--site", "--gateway", "--broker-host", "--broker-port", "--out", "--password-file", "--acl-file", "--ca-file", "--rotate", "[default: 8883]" })
        {
            Assert.Contains(option, add.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_UnknownCommand_ExitCodeOneWithMessage()
    {
        var run = await AdminRun.RunAsync("gateway", "destroy-everything");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("destroy-everything", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();

    private Task<AdminRun> AddAsync(string site, string gateway, string outDirectory, params string[] extra) =>
        AdminRun.RunAsync(
        [
            "gateway", "add", "--site", site, "--gateway", gateway, "--broker-host", "mqtt.example.gov.uk",
            "--out", _scratch.File(outDirectory), "--password-file", _passwd, "--acl-file", _acl, "--ca-file", _acl, .. extra,
        ]);

    [GeneratedRegex("ssk_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyPattern();
}
