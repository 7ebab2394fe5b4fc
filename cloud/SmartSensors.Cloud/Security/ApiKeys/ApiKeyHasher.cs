using System.Security.Cryptography;
using System.Text;

namespace SmartSensors.Cloud.Security.ApiKeys;

/// <summary>API keys: <c>ssk_</c> + 32 random bytes base64url; stored as the lower-case hex SHA-256 of the key.</summary>
internal static class ApiKeyHasher
{
    /// <summary>The prefix of every key we issue.</summary>
    public const string Prefix = "ssk_";

    /// <summary>Longest key accepted in a request (longer ones are refused without hashing).</summary>
    public const int MaxKeyLength = 256;

    /// <summary>A new random key.</summary>
    public static string Create() => Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The lower-case hex SHA-256 of <paramref name="key"/>'s UTF-8 bytes.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Whether <paramref name="text"/> is 64 lower-case hex digits.</summary>
    public static bool IsHash(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
