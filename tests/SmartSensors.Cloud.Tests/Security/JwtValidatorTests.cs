using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartSensors.Cloud.Security;
using SmartSensors.Cloud.Security.Jwt;

namespace SmartSensors.Cloud.Tests.Security;

public sealed class JwtValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Fact]
    public void Validate_Hs256WithRolesArray_SucceedsWithNameAndRoles()
    {
        var token = TestTokens.Hs256(TestTokens.Claims("alice", new[] { "operative", "environment" }, Now));

        var result = HmacValidator().Validate(token, Now);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("alice", result.Name);
        Assert.Equal(["operative", "environment"], result.Roles);
    }

    [Fact]
    public void Validate_RoleAsSingleStringUnderRoleClaim_IsRead()
    {
        var claims = TestTokens.Claims("bob", null, Now);
        claims.Remove("roles");
        claims["role"] = "operator";

        var result = HmacValidator().Validate(TestTokens.Hs256(claims), Now);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(["operator"], result.Roles);
    }

    [Fact]
    public void Validate_Rs256AndEs256_Succeed()
    {
        var validator = Validator([RsaKey(null), EcKey(null)]);

        Assert.True(validator.Validate(TestTokens.Rs256(TestTokens.Claims("r", "admin", Now), _rsa), Now).Succeeded);
        Assert.True(validator.Validate(TestTokens.Es256(TestTokens.Claims("e", "admin", Now), _ec), Now).Succeeded);
    }

    [Fact]
    public void Validate_AlgNone_Refused()
    {
        var result = HmacValidator().Validate(TestTokens.Unsigned(TestTokens.Claims("mallory", "admin", Now)), Now);

        Assert.False(result.Succeeded);
        Assert.Contains("unsigned", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AlgNoneWithForgedSignaturePart_RefusedByAllowList()
    {
        var token = TestTokens.Sign(TestTokens.Header("none", null), TestTokens.Claims("mallory", "admin", Now), _ => [1, 2, 3]);

        var result = HmacValidator().Validate(token, Now);

        Assert.False(result.Succeeded);
        Assert.Contains("not allowed", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Hs256SignedWithRsaPublicKeyAsSecret_RefusedAsAlgorithmKeyMismatch()
    {
        // The classic confusion: the attacker signs HS256 with the server's *public* RSA key as the HMAC secret.
        var publicKey = Encoding.ASCII.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem());
        var token = TestTokens.Hs256(TestTokens.Claims("mallory", "admin", Now), publicKey);

        var result = Validator([RsaKey(null)]).Validate(token, Now);

        Assert.False(result.Succeeded);
        Assert.Contains("no HS256 key", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongSecret_Refused()
    {
        var token = TestTokens.Hs256(TestTokens.Claims("mallory", "admin", Now), [.. Enumerable.Repeat((byte)9, 32)]);

        var result = HmacValidator().Validate(token, Now);

        Assert.False(result.Succeeded);
        Assert.Contains("signature", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RsaTokenFromAnotherKey_Refused()
    {
        using var other = RSA.Create(2048);

        var result = Validator([RsaKey(null)]).Validate(TestTokens.Rs256(TestTokens.Claims("m", "admin", Now), other), Now);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Validate_TamperedPayload_Refused()
    {
        var token = TestTokens.Hs256(TestTokens.Claims("alice", "operative", Now));
        var parts = token.Split('.');
        var forged = TestTokens.B64(JsonSerializer.SerializeToUtf8Bytes(TestTokens.Claims("alice", "admin", Now)));

        var result = HmacValidator().Validate($"{parts[0]}.{forged}.{parts[2]}", Now);

        Assert.False(result.Succeeded);
        Assert.Contains("signature", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Expired_RefusedButWithinSkewAccepted()
    {
        var token = TestTokens.Hs256(TestTokens.Claims("alice", "operative", Now - TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10)));
        var justExpired = TestTokens.Hs256(TestTokens.Claims("alice", "operative", Now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(9.5)));

        Assert.Contains("expired", HmacValidator().Validate(token, Now).Failure, StringComparison.Ordinal);
        Assert.True(HmacValidator().Validate(justExpired, Now).Succeeded);
    }

    [Fact]
    public void Validate_NoExp_Refused()
    {
        var claims = TestTokens.Claims("alice", "operative", Now);
        claims.Remove("exp");

        Assert.Contains("exp", HmacValidator().Validate(TestTokens.Hs256(claims), Now).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NotYetValid_Refused()
    {
        var claims = TestTokens.Claims("alice", "operative", Now);
        claims["nbf"] = (Now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds();

        Assert.Contains("nbf", HmacValidator().Validate(TestTokens.Hs256(claims), Now).Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iss", "https://evil.example/")]
    [InlineData("aud", "another-api")]
    public void Validate_WrongIssuerOrAudience_Refused(string claim, string value)
    {
        var claims = TestTokens.Claims("alice", "operative", Now);
        claims[claim] = value;

        var result = HmacValidator().Validate(TestTokens.Hs256(claims), Now);

        Assert.False(result.Succeeded);
        Assert.Contains($"({claim})", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AudienceArrayContainingOurs_Accepted()
    {
        var claims = TestTokens.Claims("alice", "operative", Now);
        claims["aud"] = new[] { "other", TestTokens.Audience };

        Assert.True(HmacValidator().Validate(TestTokens.Hs256(claims), Now).Succeeded);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.???.***")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0=.AAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e.AAAA")]
    [InlineData(".eyJzdWIiOiJ4In0.AAAA")]
    [InlineData("bm90IGpzb24.eyJzdWIiOiJ4In0.AAAA")]
    [InlineData("W10.eyJzdWIiOiJ4In0.AAAA")]
    [InlineData("")]
    public void Validate_Malformed_RefusedWithoutThrowing(string token)
    {
        var result = HmacValidator().Validate(token, Now);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.Failure));
    }

    [Fact]
    public void Validate_HugeToken_RefusedBeforeDecoding()
    {
        var token = new string('A', 10_000_000) + ".B.C";

        var result = HmacValidator().Validate(token, Now);

        Assert.False(result.Succeeded);
        Assert.Contains("longer than", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeeplyNestedHeader_RefusedWithoutThrowing()
    {
        var header = Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000));
        var token = $"{TestTokens.B64(header)}.{TestTokens.B64("{}"u8.ToArray())}.AAAA";

        var result = Validator([JwtSigningKey.FromSecret(TestTokens.Secret)], maxLength: 65_536).Validate(token, Now);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Validate_RoleClaimOfWrongType_Refused()
    {
        var claims = TestTokens.Claims("alice", new Dictionary<string, object> { ["admin"] = true }, Now);

        Assert.False(HmacValidator().Validate(TestTokens.Hs256(claims), Now).Succeeded);
    }

    [Fact]
    public void Validate_KidSelectsTheKey_UnknownKidRefused()
    {
        var validator = Validator([JwtSigningKey.FromSecret(TestTokens.Secret, "k1"), JwtSigningKey.FromSecret([.. Enumerable.Repeat((byte)5, 32)], "k2")]);
        var claims = TestTokens.Claims("alice", "operative", Now);

        Assert.True(validator.Validate(TestTokens.Hs256(claims, kid: "k1"), Now).Succeeded);
        Assert.False(validator.Validate(TestTokens.Hs256(claims, kid: "k2"), Now).Succeeded); // signed with k1's secret
        Assert.Contains("kid", validator.Validate(TestTokens.Hs256(claims, kid: "k9"), Now).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoKeysConfigured_EveryTokenRefused()
    {
        var result = Validator([]).Validate(TestTokens.Hs256(TestTokens.Claims("alice", "admin", Now)), Now);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void TryCreate_ShortSecret_RefusedNamingTheSetting()
    {
        var key = JwtSigningKey.TryCreate(new JwtSigningKeyOptions { Secret = Convert.ToBase64String(new byte[31]) }, 2, out var error);

        Assert.Null(key);
        Assert.Contains("Api:Auth:Jwt:SigningKeys:2:Secret", error, StringComparison.Ordinal);
        Assert.Contains("32 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_SmallRsaKeyOrPrivateKey_Refused()
    {
        using var small = RSA.Create(1024);

        JwtSigningKey.TryCreate(new JwtSigningKeyOptions { PublicKeyPem = small.ExportSubjectPublicKeyInfoPem() }, 0, out var smallError);
        JwtSigningKey.TryCreate(new JwtSigningKeyOptions { PublicKeyPem = _rsa.ExportPkcs8PrivateKeyPem() }, 0, out var privateError);

        Assert.Contains("2048", smallError, StringComparison.Ordinal);
        Assert.Contains("private key", privateError, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_OptionsWithShortSecretOrBadApiKey_FailNamingSettings()
    {
        var options = new ApiAuthOptions();
        options.Jwt.SigningKeys.Add(new JwtSigningKeyOptions { Secret = Convert.ToBase64String(new byte[16]) });
        options.ApiKeys.Add(new SmartSensors.Cloud.Security.ApiKeys.ApiKeyOptions { Name = "pump", Sha256 = "ABC" });

        var result = new ApiAuthOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Api:Auth:Jwt:Issuer", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Api:Auth:Jwt:SigningKeys:0:Secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Api:Auth:ApiKeys:0:Sha256", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Api:Auth:ApiKeys:0:Roles", result.FailureMessage, StringComparison.Ordinal);
    }

    private static JwtValidator HmacValidator() => Validator([JwtSigningKey.FromSecret(TestTokens.Secret)]);

    private static JwtValidator Validator(IReadOnlyList<JwtSigningKey> keys, int maxLength = 8192) =>
        new(keys, TestTokens.Issuer, TestTokens.Audience, "roles", TimeSpan.FromSeconds(60), maxLength);

    private JwtSigningKey RsaKey(string? kid) =>
        JwtSigningKey.TryCreate(new JwtSigningKeyOptions { PublicKeyPem = _rsa.ExportSubjectPublicKeyInfoPem(), KeyId = kid }, 0, out var error) ?? throw new InvalidOperationException(error);

    private JwtSigningKey EcKey(string? kid) =>
        JwtSigningKey.TryCreate(new JwtSigningKeyOptions { PublicKeyPem = _ec.ExportSubjectPublicKeyInfoPem(), KeyId = kid }, 1, out var error) ?? throw new InvalidOperationException(error);
}
