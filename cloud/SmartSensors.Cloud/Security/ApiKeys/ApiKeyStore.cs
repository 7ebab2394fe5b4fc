using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Security.ApiKeys;

/// <summary>The configured API keys, by hash. A presented key is hashed and compared with every configured hash in
/// constant time, so neither the comparison nor which entry matched shows in the timing.</summary>
internal sealed class ApiKeyStore
{
    private readonly (string Name, byte[] Hash, IReadOnlyList<string> Roles)[] _keys;

    public ApiKeyStore(IOptions<ApiAuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. options.Value.ApiKeys.Select(k => (k.Name!, Convert.FromHexString(k.Sha256!), (IReadOnlyList<string>)[.. k.Roles]))];
    }

    /// <summary>Number of keys configured.</summary>
    public int Count => _keys.Length;

    /// <summary>The identity of <paramref name="key"/>, or false.</summary>
    public bool TryFind(string key, out string name, out IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(key);
        name = string.Empty;
        roles = [];
        if (key.Length is 0 or > ApiKeyHasher.MaxKeyLength)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), presented);
        var found = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            // No early exit: every entry is compared.
            if (CryptographicOperations.FixedTimeEquals(presented, _keys[i].Hash))
            {
                found = i;
            }
        }

        if (found < 0)
        {
            return false;
        }

        name = _keys[found].Name;
        roles = _keys[found].Roles;
        return true;
    }
}
