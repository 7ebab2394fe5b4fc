namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>What a channel made of one delivery attempt.</summary>
/// <param name="Outcome">Delivered, retry later, or give up.</param>
/// <param name="Error">Why it was not delivered.</param>
/// <param name="RetryAfter">The receiver's requested wait (HTTP Retry-After), if any.</param>
internal sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    public static DeliveryResult Retry(string error, TimeSpan? after = null) => new(DeliveryOutcome.Retry, error, after);

    public static DeliveryResult Reject(string error) => new(DeliveryOutcome.Rejected, error);
}
