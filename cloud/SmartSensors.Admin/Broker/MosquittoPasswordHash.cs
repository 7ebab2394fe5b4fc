using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartSensors.Admin.Broker;

/// <summary>
/// The password hash mosquitto 2.x keeps in its <c>password_file</c>: <c>$7${iterations}${salt}${hash}</c>, PBKDF2-HMAC-SHA512 with a
/// 12-byte salt and a 64-byte output, both standard base64 (what <c>mosquitto_passwd</c> 2.0 writes; checked against its output and
/// against a real mosquitto accepting the login in the tests).
/// We write it ourselves rather than run <c>mosquitto_passwd -b file user password</c>, which would put the password on a command
/// line where any local user can read it from <c>/proc/*/cmdline</c>.
/// </summary>
internal static class MosquittoPasswordHash
{
    public const string Prefix = "$7$";

    /// <summary>
    /// mosquitto_passwd's default. Our passwords are 256 random bits, so key stretching adds nothing against guessing, while every
    /// CONNECT (a whole fleet reconnecting after an outage) pays for each iteration on the broker.
    /// </summary>
    public const int DefaultIterations = 101;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;
    private const int MaxIterations = 10_000_000;

    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="encoded"/> is a <c>$7$</c> hash of <paramref name="password"/> (constant-time comparison).</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when <paramref name="encoded"/> has the <c>$7$</c> shape mosquitto 2.x reads.</summary>
    public static bool IsWellFormed(string? encoded) => TryParse(encoded, out _, out _, out _);

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        if (encoded is null || !encoded.StartsWith(Prefix, StringComparison.Ordinal) || encoded.Length > 512)
        {
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[1]);
            hash = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && hash.Length == HashBytes;
    }
}
