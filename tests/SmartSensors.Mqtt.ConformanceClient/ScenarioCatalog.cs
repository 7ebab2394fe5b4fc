using System.Diagnostics.CodeAnalysis;
using SmartSensors.Mqtt.ConformanceClient.Scenarios;

namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>Every C twin of Mosquitto 2.0.11's test/lib/c that this client re-does, by name.</summary>
internal static class ScenarioCatalog
{
    private const MqttProtocolVersion V311 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;
    private const MqttQualityOfService QoS0 = MqttQualityOfService.AtMostOnce;
    private const MqttQualityOfService QoS1 = MqttQualityOfService.AtLeastOnce;
    private const MqttQualityOfService QoS2 = MqttQualityOfService.ExactlyOnce;

    private static readonly Dictionary<string, IConformanceScenario> Scenarios = new IConformanceScenario[]
    {
        // 01: CONNECT options, keep alive, DISCONNECT.
        new ConnectDisconnectScenario("01-con-discon-success", c => c.CreateOptions("01-con-discon-success", V311)),
        new ConnectAndWaitScenario("01-keepalive-pingreq", c => c.CreateOptions("01-keepalive-pingreq", V311, keepAliveSeconds: 5), exitOnConnectFailure: true, ExitCodes.LoopEnded),
        new ConnectAndWaitScenario("01-no-clean-session", c => c.CreateOptions("01-no-clean-session", V311, cleanStart: false), exitOnConnectFailure: false, ExitCodes.LoopEnded),
        new ConnectAndWaitScenario("01-server-keepalive-pingreq", c => c.CreateOptions("01-server-keepalive-pingreq", V5), exitOnConnectFailure: true, ExitCodes.LoopEnded),
        new ConnectAndWaitScenario("01-unpwd-set", c => WithCredentials(c.CreateOptions("01-unpwd-set", V311), "uname", ";'[08gn=#"), exitOnConnectFailure: false, ExitCodes.LoopEnded),
        new ConnectAndWaitScenario("01-will-set", c => WithWill(c.CreateOptions("01-will-set", V311), "topic/on/unexpected/disconnect", QoS1, retain: true), exitOnConnectFailure: false, ExitCodes.LoopEnded),
        new ConnectAndWaitScenario(
            "01-will-unpwd-set",
            c => WithWill(WithCredentials(c.CreateOptions("01-will-unpwd-set", V311), "oibvvwqw", "#'^2hg9a&nm38*us"), "will-topic", QoS2, retain: false),
            exitOnConnectFailure: false,
            ExitCodes.LoopEnded),

        // 02: SUBSCRIBE / UNSUBSCRIBE.
        new SubscribeScenario("02-subscribe-qos0", "subscribe-qos0-test", "qos0/test", QoS0),
        new SubscribeScenario("02-subscribe-qos1", "subscribe-qos1-test", "qos1/test", QoS1),
        new SubscribeScenario("02-subscribe-qos2", "subscribe-qos2-test", "qos2/test", QoS2),
        new UnsubscribeScenario("02-unsubscribe", V311),
        new UnsubscribeScenario("02-unsubscribe-v5", V5),
        new UnsubscribeMultipleScenario(),

        // 03: broker → client.
        new ReceiveQos1Scenario(),
        new ConnectAndWaitScenario("03-publish-b2c-qos1-unexpected-puback", c => c.CreateOptions("publish-qos1-test", V311, keepAliveSeconds: 5), exitOnConnectFailure: true, ExitCodes.Success),
        new ReceiveQos2Scenario("03-publish-b2c-qos2", V311, "pub/qos2/receive", disconnectAfterwards: false),
        new ReceiveQos2Scenario("03-publish-b2c-qos2-len", V5, "len/qos2/test", disconnectAfterwards: true),
        new ConnectAndWaitScenario("03-publish-b2c-qos2-unexpected-pubcomp", c => c.CreateOptions("publish-qos2-test", V311, keepAliveSeconds: 5), exitOnConnectFailure: true, ExitCodes.Success),
        new ReceiveQos2UnexpectedPubrelScenario(),

        // 03: client → broker.
        new PublishScenario("03-publish-c2b-qos1-disconnect", "publish-qos1-test", V311, () => Message("pub/qos1/test", "message", QoS1), reconnect: true),
        new PublishScenario("03-publish-c2b-qos1-len", "publish-qos1-test", V5, () => Message("pub/qos1/test", "message", QoS1)),
        new PublishBurstScenario("03-publish-c2b-qos1-receive-maximum", "publish-qos1-test", QoS1, Enumerable.Repeat("12345", 6).ToArray(), disconnectAfterwards: true),
        new PublishScenario("03-publish-c2b-qos2", "publish-qos2-test", V311, () => Message("pub/qos2/test", "message", QoS2)),
        new PublishScenario("03-publish-c2b-qos2-disconnect", "publish-qos2-test", V311, () => Message("pub/qos2/test", "message", QoS2), reconnect: true),
        new PublishScenario("03-publish-c2b-qos2-len", "publish-qos2-test", V5, () => Message("pub/qos2/test", "message", QoS2)),
        new MaximumQosScenario("03-publish-c2b-qos2-maximum-qos-0", QoS0),
        new MaximumQosScenario("03-publish-c2b-qos2-maximum-qos-1", QoS1),
        new PublishBurstScenario("03-publish-c2b-qos2-pubrec-error", "publish-qos2-test", QoS2, ["rejected", "accepted"], disconnectAfterwards: false),
        new PublishBurstScenario("03-publish-c2b-qos2-receive-maximum-1", "publish-qos2-test", QoS2, Enumerable.Repeat("12345", 5).ToArray(), disconnectAfterwards: true),
        new PublishBurstScenario("03-publish-c2b-qos2-receive-maximum-2", "publish-qos2-test", QoS2, Enumerable.Repeat("12345", 5).ToArray(), disconnectAfterwards: true),
        new PublishScenario("03-publish-qos0", "publish-qos0-test", V311, () => Message("pub/qos0/test", "message", QoS0)),
        new PublishScenario("03-publish-qos0-no-payload", "publish-qos0-test-np", V311, () => Message("pub/qos0/no-payload/test", "", QoS0)),
        new RequestScenario("03-request-response-1", withCorrelationData: false),
        new ResponderScenario(),
        new RequestScenario("03-request-response-correlation-1", withCorrelationData: true),

        // 04: retain.
        new RetainScenario(),

        // 08: TLS (certificates regenerated by scripts/mqtt-conformance.sh).
        new BadCaFileScenario(),
        new ConnectDisconnectScenario(
            "08-ssl-connect-cert-auth",
            c => WithTls(c.CreateOptions("08-ssl-connect-crt-auth", V311), TlsFiles.CaFileWithCaPath(c, "test-root-ca.crt", "certs"), "client.crt", "client.key")),
        new ConnectDisconnectScenario("08-ssl-connect-cert-auth-enc", EncryptedKeyOptions),
        new ConnectDisconnectScenario("08-ssl-connect-no-auth", c => WithTls(c.CreateOptions("08-ssl-connect-no-auth", V311), TlsFiles.File("all-ca.crt"), null, null)),
        new FakeCaScenario(),

        // 11: v5 properties.
        new OversizePacketScenario(),
        new ReceivePropertiesScenario("11-prop-recv-qos0", QoS0),
        new ReceivePropertiesScenario("11-prop-recv-qos1", QoS1),
        new ReceivePropertiesScenario("11-prop-recv-qos2", QoS2),
        new PublishScenario("11-prop-send-content-type", "prop-test", V5, () => Message("prop/qos0", "message", QoS0, contentType: "application/json")),
        new PublishScenario("11-prop-send-payload-format", "prop-test", V5, () => Message("prop/qos0", "message", QoS0, payloadIsUtf8: true)),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Scenarios.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string name, [NotNullWhen(true)] out IConformanceScenario? scenario) => Scenarios.TryGetValue(name, out scenario);

    private static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfService qos, string? contentType = null, bool payloadIsUtf8 = false) =>
        new() { Topic = topic, Payload = MessageCheck.Utf8(payload), QualityOfService = qos, ContentType = contentType, PayloadIsUtf8 = payloadIsUtf8 };

    private static MqttClientOptions WithCredentials(MqttClientOptions options, string username, string password)
    {
        options.Username = username;
        options.Password = password;
        return options;
    }

    /// <summary>mosquitto_will_set(mosq, topic, strlen("will message"), "will message", qos, retain).</summary>
    private static MqttClientOptions WithWill(MqttClientOptions options, string topic, MqttQualityOfService qos, bool retain)
    {
        options.Will = new MqttWillMessage { Topic = topic, PayloadText = "will message", QualityOfService = qos, Retain = retain };
        return options;
    }

    private static MqttClientOptions WithTls(MqttClientOptions options, string caFile, string? certificate, string? key)
    {
        options.Tls = new MqttTlsOptions
        {
            Enabled = true,
            CaFile = caFile,
            ClientCertificateFile = certificate is null ? null : TlsFiles.File(certificate),
            ClientKeyFile = key is null ? null : TlsFiles.File(key),
            ServerName = TlsFiles.ServerName,
        };
        return options;
    }

    /// <summary>08-ssl-connect-cert-auth-enc: as 08-ssl-connect-cert-auth with client-encrypted.key, whose password ("password")
    /// the twin supplies through mosquitto_tls_set's pw_callback.</summary>
    private static MqttClientOptions EncryptedKeyOptions(ScenarioContext context)
    {
        var options = WithTls(
            context.CreateOptions("08-ssl-connect-crt-auth-enc", V311),
            TlsFiles.CaFileWithCaPath(context, "test-root-ca.crt", "certs"),
            "client-encrypted.crt",
            "client-encrypted.key");
        options.Tls.ClientKeyPassword = "password";
        return options;
    }
}
