using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmartSensors.Cloud.Tests.Security;

/// <summary>Builds compact JWS tokens for tests, signed the way an identity provider signs them.</summary>
internal static class TestTokens
{
    public const string Issuer = "https://idp.council.example.gov.uk/";

    public const string Audience = "smartsensors-api";

    /// <summary>A fixed 32-byte HS256 secret (base64 in <see cref="SecretBase64"/>).</summary>
    public static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    public static string SecretBase64 => Convert.ToBase64String(Secret);

    public static Dictionary<string, object?> Claims(string subject, object? roles, DateTimeOffset now, TimeSpan? lifetime = null) => new()
    {
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["sub"] = subject,
        ["roles"] = roles,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(10))).ToUnixTimeSeconds(),
    };

    public static string Hs256(IDictionary<string, object?> claims, byte[]? secret = null, string? kid = null) =>
        Sign(Header("HS256", kid), claims, data => HMACSHA256.HashData(secret ?? Secret, data));

    public static string Rs256(IDictionary<string, object?> claims, RSA key, string? kid = null) =>
        Sign(Header("RS256", kid), claims, data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static string Es256(IDictionary<string, object?> claims, ECDsa key, string? kid = null) =>
        Sign(Header("ES256", kid), claims, data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static string Unsigned(IDictionary<string, object?> claims) =>
        $"{B64(JsonSerializer.SerializeToUtf8Bytes(Header("none", null)))}.{B64(JsonSerializer.SerializeToUtf8Bytes(claims))}.";

    public static string Sign(IDictionary<string, object?> header, IDictionary<string, object?> claims, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{B64(JsonSerializer.SerializeToUtf8Bytes(header))}.{B64(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        return $"{signingInput}.{B64(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public static Dictionary<string, object?> Header(string alg, string? kid)
    {
        var header = new Dictionary<string, object?> { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
