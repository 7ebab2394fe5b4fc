using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartSensors.Admin.Cli;

namespace SmartSensors.Admin.ApiKeys;

/// <summary>
/// <c>api-key create</c>: a machine key for the staff API (API-CONTRACT.md): <c>ssk_</c> + base64url of 32 random bytes. It is
/// printed once; the cloud stores only its lower-case hex SHA-256 in <c>Api:Auth:ApiKeys:N:Sha256</c>.
/// </summary>
internal sealed class ApiKeyIssuer(TextWriter output)
{
    public const string KeyPrefix = "ssk_";

    /// <summary>The roles the API knows (API-CONTRACT.md, "Roles").</summary>
    public static readonly IReadOnlyList<string> Roles = ["operative", "environment", "resilience", "operator", "admin"];

    private const int MaxNameLength = 64;

    public static string NewKey() => KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes (the whole key, prefix included).</summary>
    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public int Create(string? name, IReadOnlyList<string> roles, int index)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new AdminException(ExitCodes.InvalidInput,
                $"--name '{Printable.Of(name)}' is not valid: 1-{MaxNameLength} characters of A-Z, a-z, 0-9, '-', '_' and '.' (it is shown as the caller's name, e.g. flood-dashboard).");
        }

        if (roles.Count == 0)
        {
            throw new AdminException(ExitCodes.InvalidInput, $"--role is required at least once: one of {string.Join(", ", Roles)}.");
        }

        foreach (var role in roles)
        {
            if (!Roles.Contains(role, StringComparer.Ordinal))
            {
                throw new AdminException(ExitCodes.InvalidInput, $"--role '{Printable.Of(role)}' is not a role: use {string.Join(", ", Roles)}.");
            }
        }

        if (index is < 0 or > 9999)
        {
            throw new AdminException(ExitCodes.InvalidInput, "--index must be between 0 and 9999 (the position of this key in Api:Auth:ApiKeys).");
        }

        var distinct = roles.Distinct(StringComparer.Ordinal).ToList();
        var key = NewKey();
        var hash = Sha256Hex(key);
        var i = index.ToString(CultureInfo.InvariantCulture);

        output.WriteLine($"API key for {name} (roles: {string.Join(", ", distinct)}). It is shown this once and stored nowhere; give it to its owner now:");
        output.WriteLine();
        output.WriteLine($"  {key}");
        output.WriteLine();
        output.WriteLine("Callers send it as the header  X-Api-Key: <key>  (or  Authorization: ApiKey <key>).");
        output.WriteLine($"Add it to the cloud host's configuration (only the hash; use the next free index if keys {i} and up exist):");
        output.WriteLine();
        output.WriteLine($"  Api:Auth:ApiKeys:{i}:Name={name}");
        output.WriteLine($"  Api:Auth:ApiKeys:{i}:Sha256={hash}");
        for (var r = 0; r < distinct.Count; r++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Api:Auth:ApiKeys:{i}:Roles:{r}={distinct[r]}"));
        }

        output.WriteLine();
        output.WriteLine("or as environment variables:");
        output.WriteLine();
        output.WriteLine($"  Api__Auth__ApiKeys__{i}__Name={name}");
        output.WriteLine($"  Api__Auth__ApiKeys__{i}__Sha256={hash}");
        for (var r = 0; r < distinct.Count; r++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Api__Auth__ApiKeys__{i}__Roles__{r}={distinct[r]}"));
        }

        output.WriteLine();
        output.WriteLine("To revoke the key, delete these settings and restart the cloud host.");
        return ExitCodes.Success;
    }
}
