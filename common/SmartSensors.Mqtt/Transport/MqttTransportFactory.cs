using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace SmartSensors.Mqtt.Transport;

/// <summary>TCP transport, optionally TLS (SslStream) with a custom CA and a client certificate from PEM files.</summary>
internal sealed class MqttTransportFactory : IMqttTransportFactory
{
    public static MqttTransportFactory Default { get; } = new();

    public async Task<Stream> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            if (!options.Tls.Enabled)
            {
                return network;
            }

            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(CreateTlsOptions(options), cancellationToken).ConfigureAwait(false);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static SslClientAuthenticationOptions CreateTlsOptions(MqttClientOptions options)
    {
        var tls = options.Tls;
        var result = new SslClientAuthenticationOptions
        {
            TargetHost = tls.ServerName ?? options.Host,
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.None, // the OS default: TLS 1.2/1.3
        };

        if (tls.CaFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(tls.CaFile);
            if (roots.Count == 0)
            {
                throw new MqttConnectException($"Mqtt:Tls:CaFile '{tls.CaFile}' contains no certificate.");
            }

            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            result.CertificateChainPolicy = policy;
        }

        if (tls.ClientCertificateFile is not null && tls.ClientKeyFile is not null)
        {
            result.ClientCertificates = [LoadClientCertificate(tls)];
        }

        return result;
    }

    private static X509Certificate2 LoadClientCertificate(MqttTlsOptions tls)
    {
        try
        {
            using var pem = tls.ClientKeyPassword is null
                ? X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile!, tls.ClientKeyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(tls.ClientCertificateFile!, tls.ClientKeyPassword, tls.ClientKeyFile);
            // Re-import through PKCS#12 so the private key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new MqttConnectException(MqttReasonCode.UnspecifiedError, $"Mqtt:Tls:ClientCertificateFile/ClientKeyFile could not be loaded (wrong or missing ClientKeyPassword?): {ex.Message}", ex);
        }
    }
}
