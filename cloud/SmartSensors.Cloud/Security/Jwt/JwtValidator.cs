using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace SmartSensors.Cloud.Security.Jwt;

/// <summary>
/// Validates compact JWS tokens (RFC 7515/7519) with System.Security.Cryptography only: size bound, strict base64url,
/// an algorithm allow-list (HS256, RS256, ES256; never <c>none</c>) where the algorithm must be the key's own, key
/// selection by <c>kid</c>, the signature before any claim is trusted, then <c>exp</c> (required), <c>nbf</c>,
/// <c>iss</c> and <c>aud</c> with a small clock skew. Pure: no I/O, thread-safe.
/// </summary>
internal sealed class JwtValidator
{
    private const int MaxJsonDepth = 16;
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = MaxJsonDepth };
    private readonly IReadOnlyList<JwtSigningKey> _keys;
    private readonly string? _issuer;
    private readonly string? _audience;
    private readonly string _roleClaim;
    private readonly TimeSpan _clockSkew;
    private readonly int _maxTokenLength;

    public JwtValidator(IReadOnlyList<JwtSigningKey> keys, string? issuer, string? audience, string roleClaim, TimeSpan clockSkew, int maxTokenLength)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleClaim);
        _keys = keys;
        _issuer = issuer;
        _audience = audience;
        _roleClaim = roleClaim;
        _clockSkew = clockSkew;
        _maxTokenLength = maxTokenLength;
    }

    /// <summary>Whether any key is configured (without one every token is refused).</summary>
    public bool Enabled => _keys.Count > 0;

    /// <summary>Validates <paramref name="token"/> at <paramref name="now"/>.</summary>
    public JwtValidationResult Validate(string? token, DateTimeOffset now)
    {
        if (!Enabled)
        {
            return JwtValidationResult.Fail("bearer tokens are not accepted here (no signing key is configured)");
        }

        if (string.IsNullOrEmpty(token))
        {
            return JwtValidationResult.Fail("the token is empty");
        }

        if (token.Length > _maxTokenLength)
        {
            return JwtValidationResult.Fail($"the token is longer than {_maxTokenLength} characters");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return JwtValidationResult.Fail("the token is not a compact JWS (header.payload.signature)");
        }

        var headerText = token.AsSpan(0, firstDot);
        var payloadText = token.AsSpan(firstDot + 1, secondDot - firstDot - 1);
        var signatureText = token.AsSpan(secondDot + 1);
        if (payloadText.IsEmpty || signatureText.IsEmpty)
        {
            return JwtValidationResult.Fail("the token has an empty payload or signature (unsigned tokens are refused)");
        }

        if (!TryDecode(headerText, out var header) || !TryDecode(payloadText, out var payload) || !TryDecode(signatureText, out var signature))
        {
            return JwtValidationResult.Fail("the token is not valid base64url");
        }

        // Header: algorithm and key id. Nothing in the payload is looked at before the signature is verified.
        string algorithm;
        string? keyId;
        try
        {
            using var document = JsonDocument.Parse(header, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return JwtValidationResult.Fail("the token header is not a JSON object");
            }

            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                return JwtValidationResult.Fail("the token header has no alg");
            }

            algorithm = alg.GetString()!;
            if (algorithm is not (JwtSigningKey.Hs256 or JwtSigningKey.Rs256 or JwtSigningKey.Es256))
            {
                return JwtValidationResult.Fail($"algorithm '{Printable(algorithm)}' is not allowed (HS256, RS256, ES256)");
            }

            if (root.TryGetProperty("crit", out _))
            {
                return JwtValidationResult.Fail("the token header has critical extensions we do not understand");
            }

            if (root.TryGetProperty("typ", out var typ)
                && (typ.ValueKind != JsonValueKind.String || !(string.Equals(typ.GetString(), "JWT", StringComparison.OrdinalIgnoreCase) || string.Equals(typ.GetString(), "at+jwt", StringComparison.OrdinalIgnoreCase))))
            {
                return JwtValidationResult.Fail("the token type (typ) is not JWT");
            }

            keyId = null;
            if (root.TryGetProperty("kid", out var kid))
            {
                if (kid.ValueKind != JsonValueKind.String)
                {
                    return JwtValidationResult.Fail("the token's kid is not a string");
                }

                keyId = kid.GetString();
            }
        }
        catch (JsonException)
        {
            return JwtValidationResult.Fail("the token header is not valid JSON");
        }

        var candidates = _keys.Where(k => k.Algorithm == algorithm).ToList();
        if (keyId is not null && candidates.Any(k => k.KeyId is not null))
        {
            candidates = [.. candidates.Where(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal))];
        }

        if (candidates.Count == 0)
        {
            return JwtValidationResult.Fail(keyId is null
                ? $"no {algorithm} key is configured"
                : $"no {algorithm} key with kid '{Printable(keyId)}' is configured");
        }

        var signed = Encoding.ASCII.GetBytes(token, 0, secondDot);
        if (!candidates.Any(k => k.Verify(signed, signature)))
        {
            return JwtValidationResult.Fail("the token's signature is not valid");
        }

        return ValidateClaims(payload, now);
    }

    private JwtValidationResult ValidateClaims(byte[] payload, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return JwtValidationResult.Fail("the token payload is not a JSON object");
            }

            if (!TryNumericDate(root, "exp", out var exp, out var expError))
            {
                return JwtValidationResult.Fail(expError ?? "the token has no exp (expiry) claim");
            }

            if (now - _clockSkew >= exp)
            {
                return JwtValidationResult.Fail("the token has expired");
            }

            if (root.TryGetProperty("nbf", out _))
            {
                if (!TryNumericDate(root, "nbf", out var nbf, out var nbfError))
                {
                    return JwtValidationResult.Fail(nbfError!);
                }

                if (now + _clockSkew < nbf)
                {
                    return JwtValidationResult.Fail("the token is not valid yet (nbf)");
                }
            }

            if (_issuer is not null)
            {
                if (!root.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || !string.Equals(iss.GetString(), _issuer, StringComparison.Ordinal))
                {
                    return JwtValidationResult.Fail("the token's issuer (iss) is not the configured one");
                }
            }

            if (_audience is not null && !HasAudience(root, _audience))
            {
                return JwtValidationResult.Fail("the token's audience (aud) does not include this API");
            }

            var name = String(root, "name") ?? String(root, "preferred_username") ?? String(root, "sub");
            if (string.IsNullOrWhiteSpace(name))
            {
                return JwtValidationResult.Fail("the token names nobody (no sub, name or preferred_username)");
            }

            var roles = new List<string>();
            if (!ReadRoles(root, _roleClaim, roles) || (_roleClaim != "role" && !ReadRoles(root, "role", roles)))
            {
                return JwtValidationResult.Fail($"the token's role claim is neither a string nor an array of strings");
            }

            return JwtValidationResult.Success(name.Length > 200 ? name[..200] : name, [.. roles.Distinct(StringComparer.Ordinal)]);
        }
        catch (JsonException)
        {
            return JwtValidationResult.Fail("the token payload is not valid JSON");
        }
    }

    private static bool TryNumericDate(JsonElement root, string claim, out DateTimeOffset value, out string? error)
    {
        value = default;
        error = null;
        if (!root.TryGetProperty(claim, out var element))
        {
            return false;
        }

        // NumericDate: seconds since the epoch, possibly fractional; bounded so the conversion cannot overflow.
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            error = $"the token's {claim} claim is not a NumericDate";
            return false;
        }

        value = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        return true;
    }

    private static bool HasAudience(JsonElement root, string audience)
    {
        if (!root.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => string.Equals(aud.GetString(), audience, StringComparison.Ordinal),
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && string.Equals(a.GetString(), audience, StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static bool ReadRoles(JsonElement root, string claim, List<string> roles)
    {
        if (!root.TryGetProperty(claim, out var element))
        {
            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                roles.AddRange(element.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return false;
                    }

                    roles.Add(item.GetString()!);
                }

                return true;
            default:
                return false;
        }
    }

    private static string? String(JsonElement root, string claim) =>
        root.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        // Strict base64url: only the URL-safe alphabet, no padding, no whitespace.
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        if (text.Length % 4 == 1)
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        var status = Base64Url.DecodeFromChars(text, buffer, out _, out var written);
        if (status != OperationStatus.Done)
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    private static string Printable(string text)
    {
        var shown = text.Length > 32 ? text[..32] + "..." : text;
        return new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
