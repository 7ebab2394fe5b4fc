using System.Reflection;

namespace SmartSensors.Mqtt.Tests.Conformance;

/// <summary>
/// Mosquitto 2.0.11's own client test-suite (test/lib/*.py, from Debian's source package, never committed) against our
/// client, through tests/SmartSensors.Mqtt.ConformanceClient and scripts/mqtt-conformance.sh — one case per script.
/// Each Python script is a scripted fake broker that checks every byte the client sends. A case passes when the script's
/// verdict is right: PASS for a script that applies, and — for the three scripts that expect behaviour the MQTT specification
/// forbids — a failure for that reason (the script then exits 0; a pass would mean our client broke the specification).
/// Skipped cases do not apply to our client (or would be blocked by a gap in its API); docs/mqtt-conformance.md says why.
/// </summary>
public sealed class MosquittoClientSuiteTests(MosquittoClientSuiteFixture suite) : IClassFixture<MosquittoClientSuiteFixture>
{
    /// <summary>The script's own limit is 60 s (the slowest, 01-keepalive-pingreq, takes about 11 s).</summary>
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("01-con-discon-success")]
    [InlineData("01-keepalive-pingreq")]
    [InlineData("01-no-clean-session")]
    [InlineData("01-server-keepalive-pingreq")]
    [InlineData("01-unpwd-set")]
    [InlineData("01-will-set")]
    [InlineData("01-will-unpwd-set")]
    [InlineData("02-subscribe-qos0")]
    [InlineData("02-subscribe-qos1")]
    [InlineData("02-subscribe-qos2")]
    [InlineData("02-unsubscribe")]
    [InlineData("02-unsubscribe-multiple-v5")]
    [InlineData("02-unsubscribe-v5")]
    [InlineData("03-publish-b2c-qos1")]
    [InlineData("03-publish-b2c-qos1-unexpected-puback")]
    [InlineData("03-publish-b2c-qos2")]
    [InlineData("03-publish-b2c-qos2-len")]
    [InlineData("03-publish-b2c-qos2-unexpected-pubcomp")]
    [InlineData("03-publish-b2c-qos2-unexpected-pubrel")]
    [InlineData("03-publish-c2b-qos1-disconnect")]
    [InlineData("03-publish-c2b-qos1-len")]
    [InlineData("03-publish-c2b-qos1-receive-maximum")]
    [InlineData("03-publish-c2b-qos1-timeout", Skip = "not applicable: no C twin, not run upstream; resend on a live connection is forbidden by MQTT 5 (4.4)")]
    [InlineData("03-publish-c2b-qos2")]
    [InlineData("03-publish-c2b-qos2-disconnect")]
    [InlineData("03-publish-c2b-qos2-len")]
    [InlineData("03-publish-c2b-qos2-maximum-qos-0")]
    [InlineData("03-publish-c2b-qos2-maximum-qos-1")]
    [InlineData("03-publish-c2b-qos2-pubrec-error")]
    [InlineData("03-publish-c2b-qos2-receive-maximum-1")]
    [InlineData("03-publish-c2b-qos2-receive-maximum-2")]
    [InlineData("03-publish-c2b-qos2-timeout", Skip = "not applicable: no C twin, not run upstream; resend on a live connection is forbidden by MQTT 5 (4.4)")]
    [InlineData("03-publish-qos0")]
    [InlineData("03-publish-qos0-no-payload")]
    [InlineData("03-request-response")]
    [InlineData("03-request-response-correlation")]
    [InlineData("04-retain-qos0")]
    [InlineData("08-ssl-bad-cacert")]
    [InlineData("08-ssl-connect-cert-auth")]
    [InlineData("08-ssl-connect-cert-auth-enc")]
    [InlineData("08-ssl-connect-no-auth")]
    [InlineData("08-ssl-fake-cacert")]
    [InlineData("09-util-topic-tokenise", Skip = "not applicable: tests mosquitto_sub_topic_tokenise(), a libmosquitto C utility, not MQTT behaviour")]
    [InlineData("11-prop-oversize-packet")] // spec conflict: passes when the script fails for the documented reason
    [InlineData("11-prop-recv-qos0")]
    [InlineData("11-prop-recv-qos1")]
    [InlineData("11-prop-recv-qos2")]
    [InlineData("11-prop-send-content-type")]
    [InlineData("11-prop-send-payload-format")]
    public async Task MosquittoScript_RunAgainstOurClient_VerdictIsPass(string script)
    {
        if (suite.PrepareError is not null)
        {
            Assert.Fail(suite.PrepareError);
        }

        var (exitCode, output) = await suite.RunScriptAsync(["--only", script, "--timeout", "60", .. suite.ClientArguments], ScriptTimeout);

        Assert.True(exitCode == 0, $"test/lib/{script}.py against our client: exit code {exitCode}{Environment.NewLine}{output}");
    }

    /// <summary>The cases above and the script's catalogue (scripts/mqtt-conformance.sh --list) name the same scripts, and the
    /// skipped cases are exactly the ones the script does not count ("skip" and "blocked").</summary>
    [Fact]
    public async Task Cases_ComparedWithScriptCatalogue_Match()
    {
        var (exitCode, output) = await suite.RunScriptAsync(["--list"], TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        var catalogue = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1] is "skip" or "blocked");

        var cases = typeof(MosquittoClientSuiteTests).GetMethod(nameof(MosquittoScript_RunAgainstOurClient_VerdictIsPass))!
            .GetCustomAttributes<InlineDataAttribute>()
            .ToDictionary(data => (string)data.GetData(null!).Single()[0], data => data.Skip is not null);

        Assert.Equal(catalogue.OrderBy(p => p.Key, StringComparer.Ordinal), cases.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
