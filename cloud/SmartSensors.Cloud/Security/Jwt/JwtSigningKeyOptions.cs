namespace SmartSensors.Cloud.Security.Jwt;

/// <summary>One signing key (<c>Api:Auth:Jwt:SigningKeys:N</c>): exactly one of <see cref="Secret"/> and
/// <see cref="PublicKeyPem"/>.</summary>
internal sealed class JwtSigningKeyOptions
{
    /// <summary>Matched against the token header's <c>kid</c>; optional.</summary>
    public string? KeyId { get; set; }

    /// <summary>HS256 shared secret, base64, at least 32 bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>RS256 (RSA, at least 2048 bits) or ES256 (EC P-256) public key, PEM (SubjectPublicKeyInfo).</summary>
    public string? PublicKeyPem { get; set; }
}
