using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartSensors.Testing.Certificates;

/// <summary>Generates certificates for TLS tests at run time (nothing secret is committed).</summary>
public static class TestCertificates
{
    /// <summary>Writes a CA, a server certificate and a client certificate (CN = <paramref name="clientName"/>) into <paramref name="directory"/>.</summary>
    public static TestCertificateSet Create(string directory, string clientName = "test-client")
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = RSA.Create(2048);
        using var ca = CreateAuthority(caKey, "SmartSensors Test CA", now);
        using var otherKey = RSA.Create(2048);
        using var other = CreateAuthority(otherKey, "Unrelated Test CA", now);

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now, now.AddDays(30), RandomSerial());

        using var clientKey = RSA.Create(2048);
        var clientRequest = new CertificateRequest($"CN={clientName}", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        clientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = clientRequest.Create(ca, now, now.AddDays(30), RandomSerial());

        var set = new TestCertificateSet(
            Path.Combine(directory, "ca.crt"),
            Path.Combine(directory, "server.crt"),
            Path.Combine(directory, "server.key"),
            Path.Combine(directory, "client.crt"),
            Path.Combine(directory, "client.key"),
            Path.Combine(directory, "other-ca.crt"));
        File.WriteAllText(set.CaCertificateFile, ca.ExportCertificatePem());
        File.WriteAllText(set.OtherCaCertificateFile, other.ExportCertificatePem());
        File.WriteAllText(set.ServerCertificateFile, server.ExportCertificatePem());
        File.WriteAllText(set.ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(set.ClientCertificateFile, client.ExportCertificatePem());
        File.WriteAllText(set.ClientKeyFile, clientKey.ExportPkcs8PrivateKeyPem());
        return set;
    }

    private static X509Certificate2 CreateAuthority(RSA key, string name, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now, now.AddDays(60));
    }

    private static byte[] RandomSerial() => RandomNumberGenerator.GetBytes(16);
}
