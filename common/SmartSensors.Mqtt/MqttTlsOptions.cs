namespace SmartSensors.Mqtt;

/// <summary>TLS settings (section <c>Mqtt:Tls</c>). Files are PEM.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>Use TLS (via <see cref="System.Net.Security.SslStream"/>).</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM file with the CA certificate(s) that must anchor the broker's chain. When unset the system trust store is used.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file with the client certificate (for client-certificate authentication).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM file with the client certificate's private key (PKCS#8, PKCS#1 or SEC1; encrypted PKCS#8 with <see cref="ClientKeyPassword"/>).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Password of an encrypted client key ("ENCRYPTED PRIVATE KEY" PEM); null for an unencrypted key.</summary>
    public string? ClientKeyPassword { get; set; }

    /// <summary>Name expected in the broker certificate (SNI and verification); defaults to the host.</summary>
    public string? ServerName { get; set; }
}
