namespace SmartSensors.Testing.Mosquitto;

/// <summary>A TLS listener for the mosquitto fixture (PEM files, e.g. from <see cref="Certificates.TestCertificates"/>).</summary>
public sealed class MosquittoTlsOptions
{
    /// <summary>CA certificate that signed the server certificate and accepted client certificates.</summary>
    public required string CaFile { get; init; }

    /// <summary>Server certificate (PEM).</summary>
    public required string CertificateFile { get; init; }

    /// <summary>Server private key (PEM).</summary>
    public required string KeyFile { get; init; }

    /// <summary>Require clients to present a certificate signed by <see cref="CaFile"/>.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Use the client certificate's CN as the MQTT username (needs <see cref="RequireClientCertificate"/>).</summary>
    public bool UseIdentityAsUsername { get; init; }
}
