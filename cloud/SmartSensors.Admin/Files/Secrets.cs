using System.Buffers.Text;
using System.Security.Cryptography;

namespace SmartSensors.Admin.Files;

/// <summary>Fresh secrets from the operating system's CSPRNG. Nothing here has a default value.</summary>
internal static class Secrets
{
    /// <summary>32 random bytes (256 bits) as base64url without padding: 43 characters of A-Z a-z 0-9 - _.</summary>
    public static string NewPassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
