using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Security.ApiKeys;

namespace SmartSensors.Cloud.Tests.Security;

public sealed class ApiKeyStoreTests
{
    [Fact]
    public void Create_Key_IsPrefixedBase64UrlOf32BytesAndUnique()
    {
        var a = ApiKeyHasher.Create();
        var b = ApiKeyHasher.Create();

        Assert.StartsWith("ssk_", a, StringComparison.Ordinal);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(a.AsSpan(4)).Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Hash_KnownVector_IsLowerCaseHexSha256()
    {
        // SHA-256("abc") from FIPS 180-2.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHasher.Hash("abc"));
        Assert.True(ApiKeyHasher.IsHash(ApiKeyHasher.Hash("anything")));
        Assert.False(ApiKeyHasher.IsHash(ApiKeyHasher.Hash("anything").ToUpperInvariant()));
    }

    [Fact]
    public void TryFind_ConfiguredKey_FindsNameAndRoles_OthersRefused()
    {
        var key = ApiKeyHasher.Create();
        var store = Store(("pump-controller", ApiKeyHasher.Hash(key), ["operator"]), ("dashboard", ApiKeyHasher.Hash(ApiKeyHasher.Create()), ["admin"]));

        Assert.True(store.TryFind(key, out var name, out var roles));
        Assert.Equal("pump-controller", name);
        Assert.Equal(["operator"], roles);
        Assert.False(store.TryFind(key + "x", out _, out _));
        Assert.False(store.TryFind(ApiKeyHasher.Hash(key), out _, out _)); // the hash itself is not a key
        Assert.False(store.TryFind("", out _, out _));
        Assert.False(store.TryFind(new string('k', 100_000), out _, out _));
    }

    private static ApiKeyStore Store(params (string Name, string Hash, string[] Roles)[] keys)
    {
        var options = new ApiAuthOptions();
        foreach (var (name, hash, roles) in keys)
        {
            var entry = new ApiKeyOptions { Name = name, Sha256 = hash };
            foreach (var role in roles)
            {
                entry.Roles.Add(role);
            }

            options.ApiKeys.Add(entry);
        }

        return new ApiKeyStore(Options.Create(options));
    }
}
