namespace SmartSensors.Admin.Gateways;

/// <summary>The inputs of <c>gateway add</c>, already parsed.</summary>
internal sealed record GatewayAddRequest
{
    public required GatewayConfigRequest Config { get; init; }

    public required string OutputDirectory { get; init; }

    public required string PasswordFile { get; init; }

    public required string AclFile { get; init; }

    public string? CaFile { get; init; }

    /// <summary>Replace the credentials of a gateway that already has them.</summary>
    public bool Rotate { get; init; }
}
