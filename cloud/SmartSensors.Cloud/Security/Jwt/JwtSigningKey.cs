using System.Security.Cryptography;

namespace SmartSensors.Cloud.Security.Jwt;

/// <summary>
/// One verification key with the one algorithm it may be used with: HS256 for a secret, RS256 for an RSA public key,
/// ES256 for an EC P-256 public key. Tying the algorithm to the key is what stops the classic confusion attacks (an RSA
/// public key used as an HMAC secret, <c>alg: none</c>).
/// </summary>
internal sealed class JwtSigningKey : IDisposable
{
    public const string Hs256 = "HS256";
    public const string Rs256 = "RS256";
    public const string Es256 = "ES256";

    /// <summary>Shortest HS256 secret accepted (RFC 7518 §3.2: a key of the same size as the hash output).</summary>
    public const int MinSecretBytes = 32;

    /// <summary>Smallest RSA modulus accepted.</summary>
    public const int MinRsaBits = 2048;

    private readonly byte[]? _secret;
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;
    // RSA and ECDsa instances make no promise of thread safety; HMAC here is a static one-shot and needs no lock.
    private readonly Lock _gate = new();

    private JwtSigningKey(string algorithm, string? keyId, byte[]? secret, RSA? rsa, ECDsa? ec)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        _secret = secret;
        _rsa = rsa;
        _ec = ec;
    }

    /// <summary>HS256, RS256 or ES256.</summary>
    public string Algorithm { get; }

    /// <summary>The key id matched against the token's <c>kid</c>, if any.</summary>
    public string? KeyId { get; }

    /// <summary>An HS256 key.</summary>
    public static JwtSigningKey FromSecret(byte[] secret, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinSecretBytes)
        {
            throw new ArgumentException($"An HS256 secret must be at least {MinSecretBytes} bytes.", nameof(secret));
        }

        return new JwtSigningKey(Hs256, keyId, (byte[])secret.Clone(), null, null);
    }

    /// <summary>Builds the key of <c>Api:Auth:Jwt:SigningKeys:{index}</c>, or says what is wrong with it (naming the setting).</summary>
    public static JwtSigningKey? TryCreate(JwtSigningKeyOptions options, int index, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var at = $"Api:Auth:Jwt:SigningKeys:{index}";
        var hasSecret = !string.IsNullOrWhiteSpace(options.Secret);
        var hasPem = !string.IsNullOrWhiteSpace(options.PublicKeyPem);
        if (hasSecret == hasPem)
        {
            error = $"{at}: set exactly one of Secret (HS256, base64) and PublicKeyPem (RS256/ES256).";
            return null;
        }

        if (options.KeyId is { } kid && (kid.Length is 0 or > 256))
        {
            error = $"{at}:KeyId must be 1-256 characters.";
            return null;
        }

        if (hasSecret)
        {
            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(options.Secret!.Trim());
            }
            catch (FormatException)
            {
                error = $"{at}:Secret must be base64 (e.g. from `openssl rand -base64 32`).";
                return null;
            }

            if (secret.Length < MinSecretBytes)
            {
                error = $"{at}:Secret is {secret.Length} bytes; an HS256 secret must be at least {MinSecretBytes} bytes (256 bits) of base64.";
                return null;
            }

            error = null;
            return new JwtSigningKey(Hs256, options.KeyId, secret, null, null);
        }

        var pem = options.PublicKeyPem!;
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            error = $"{at}:PublicKeyPem holds a private key; configure only the public key (-----BEGIN PUBLIC KEY-----).";
            return null;
        }

        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            error = $"{at}:PublicKeyPem holds a certificate; configure its public key (-----BEGIN PUBLIC KEY-----).";
            return null;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < MinRsaBits)
            {
                error = $"{at}:PublicKeyPem is a {rsa.KeySize}-bit RSA key; RS256 needs at least {MinRsaBits} bits.";
                rsa.Dispose();
                return null;
            }

            error = null;
            return new JwtSigningKey(Rs256, options.KeyId, null, rsa, null);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            var curve = ec.ExportParameters(false).Curve;
            if (!curve.IsNamed || curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                error = $"{at}:PublicKeyPem is an EC key on another curve; ES256 needs P-256.";
                ec.Dispose();
                return null;
            }

            error = null;
            return new JwtSigningKey(Es256, options.KeyId, null, null, ec);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            error = $"{at}:PublicKeyPem is not a PEM RSA or EC P-256 public key.";
            return null;
        }
    }

    /// <summary>Checks <paramref name="signature"/> over <paramref name="signedBytes"/> (the ASCII of header.payload).</summary>
    public bool Verify(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> signature)
    {
        switch (Algorithm)
        {
            case Hs256:
                if (signature.Length != HMACSHA256.HashSizeInBytes)
                {
                    return false;
                }

                Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
                HMACSHA256.HashData(_secret!, signedBytes, mac);
                return CryptographicOperations.FixedTimeEquals(mac, signature);
            case Rs256:
                if (signature.Length != _rsa!.KeySize / 8)
                {
                    return false;
                }

                lock (_gate)
                {
                    return _rsa.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }

            case Es256:
                // JWS carries r || s (64 bytes for P-256), not DER.
                if (signature.Length != 64)
                {
                    return false;
                }

                lock (_gate)
                {
                    return _ec!.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

            default:
                return false;
        }
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
        if (_secret is not null)
        {
            CryptographicOperations.ZeroMemory(_secret);
        }
    }
}
