namespace SmartSensors.Testing.Certificates;

/// <summary>PEM files of a throw-away CA, a server certificate for 127.0.0.1/localhost, and a client certificate.</summary>
/// <param name="CaCertificateFile">CA certificate (trust anchor for both sides).</param>
/// <param name="ServerCertificateFile">Server certificate, SAN 127.0.0.1, ::1 and localhost.</param>
/// <param name="ServerKeyFile">Server private key (PKCS#8 PEM).</param>
/// <param name="ClientCertificateFile">Client certificate with CN = the client name.</param>
/// <param name="ClientKeyFile">Client private key (PKCS#8 PEM).</param>
/// <param name="OtherCaCertificateFile">A second, unrelated CA (for "wrong CA" tests).</param>
public sealed record TestCertificateSet(
    string CaCertificateFile,
    string ServerCertificateFile,
    string ServerKeyFile,
    string ClientCertificateFile,
    string ClientKeyFile,
    string OtherCaCertificateFile);
