using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartSensors.Cloud.Alerts.Channels.Webhook;

/// <summary>
/// The webhook signature: <c>X-SmartSensors-Signature: sha256={hex}</c> where hex is HMAC-SHA256 with the shared secret
/// over <c>{timestamp}.{body}</c> and timestamp is the <c>X-SmartSensors-Timestamp</c> header (Unix seconds) — so a
/// receiver can refuse a replayed old request as well as a forged one. Pure.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-SmartSensors-Signature";
    public const string TimestampHeader = "X-SmartSensors-Timestamp";
    public const string EventHeader = "X-SmartSensors-Event";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string Prefix = "sha256=";

    /// <summary>The signature header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var stamp = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(stamp.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a received signature in constant time; false for a missing, malformed or wrong one, or a
    /// timestamp further than <paramref name="tolerance"/> from <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || signatureHeader is null
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
