using System.Security.Authentication;

namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 08-ssl-fake-cacert: the client trusts test-fake-root-ca.crt — same subject as the real root CA, different key — and offers
/// client.crt. The broker's certificate must fail verification: the TLS handshake fails and the twin returns 0 (EPROTO);
/// a successful connect calls on_connect, which exits 1; any other failure returns 1.
/// </summary>
internal sealed class FakeCaScenario : IConformanceScenario
{
    public string Name => "08-ssl-fake-cacert";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var options = context.CreateOptions("08-ssl-connect-crt-auth", MqttProtocolVersion.V311);
        options.Tls = new MqttTlsOptions
        {
            Enabled = true,
            CaFile = TlsFiles.File("test-fake-root-ca.crt"),
            ClientCertificateFile = TlsFiles.File("client.crt"),
            ClientKeyFile = TlsFiles.File("client.key"),
            ServerName = TlsFiles.ServerName,
        };
        var client = context.CreateClient(options);
        try
        {
            await client.Mqtt.ConnectAsync(cancellationToken);
            context.Log("connected although the broker's certificate is not signed by the trusted (fake) CA");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            context.Log($"connect failed: {ScenarioClient.Describe(ex)}");
            for (var e = ex; e is not null; e = e.InnerException)
            {
                if (e is AuthenticationException)
                {
                    return ExitCodes.Success;
                }
            }

            return ExitCodes.Failure;
        }
    }
}
