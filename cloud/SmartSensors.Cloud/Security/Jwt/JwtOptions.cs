namespace SmartSensors.Cloud.Security.Jwt;

/// <summary>JWT bearer settings (<c>Api:Auth:Jwt</c>). JWT is off while no signing key is configured.</summary>
internal sealed class JwtOptions
{
    /// <summary>The required <c>iss</c> claim (exact match).</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience that must appear in the <c>aud</c> claim (a string or an array).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries the roles (a string or an array of strings); <c>role</c> is also read.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Clock difference tolerated on <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest token accepted, in characters (longer ones are refused before any decoding).</summary>
    public int MaxTokenLength { get; set; } = 8192;

    /// <summary>The keys a token may be signed with: <c>Secret</c> (HS256) or <c>PublicKeyPem</c> (RS256 / ES256).</summary>
    public IList<JwtSigningKeyOptions> SigningKeys { get; } = [];
}
