namespace SmartSensors.Edge.Configuration;

/// <summary>TLS to the broker (section <c>SmartSensors:Broker:Tls</c>). PEM files.</summary>
internal sealed class BrokerTlsOptions
{
    /// <summary>Use TLS. On by default: only a broker on the loopback interface may be used without it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>CA certificate(s) anchoring the broker's certificate; the system store when unset.</summary>
    public string? CaFile { get; set; }

    /// <summary>This gateway's client certificate.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The private key of <see cref="CertificateFile"/> (unencrypted PEM, readable only by the service user).</summary>
    public string? KeyFile { get; set; }

    /// <summary>Name expected in the broker certificate; defaults to the host.</summary>
    public string? ServerName { get; set; }
}
