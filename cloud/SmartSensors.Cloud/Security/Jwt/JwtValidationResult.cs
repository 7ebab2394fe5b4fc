namespace SmartSensors.Cloud.Security.Jwt;

/// <summary>The outcome of <see cref="JwtValidator.Validate"/>: the identity, or why the token was refused.</summary>
internal sealed record JwtValidationResult(bool Succeeded, string? Failure, string? Name, IReadOnlyList<string> Roles)
{
    public static JwtValidationResult Fail(string reason) => new(false, reason, null, []);

    public static JwtValidationResult Success(string name, IReadOnlyList<string> roles) => new(true, null, name, roles);
}
