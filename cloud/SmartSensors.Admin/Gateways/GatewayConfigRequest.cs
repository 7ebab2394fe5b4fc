namespace SmartSensors.Admin.Gateways;

/// <summary>What goes into a gateway's configuration file besides its identity.</summary>
internal sealed record GatewayConfigRequest
{
    public required GatewayIdentity Identity { get; init; }

    public required string BrokerHost { get; init; }

    public required int BrokerPort { get; init; }

    /// <summary>Directory on the gateway where the files will be installed (paths in the file point there).</summary>
    public required string InstallDirectory { get; init; }

    /// <summary>Whether a CA certificate is shipped with the files (else the gateway uses its system trust store).</summary>
    public required bool HasCaFile { get; init; }

    /// <summary>An edge configuration to start from (sensors, outbox, tuning); its identity, broker and location are replaced.</summary>
    public string? TemplateFile { get; init; }

    public string? OutboxPath { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }
}
