namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>The outcome of one delivery attempt.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The receiver has it.</summary>
    Delivered = 1,

    /// <summary>A transient failure (timeout, 5xx, 429, broker down): try again with backoff.</summary>
    Retry = 2,

    /// <summary>The receiver refused it for good (4xx, bad recipient): retrying cannot help.</summary>
    Rejected = 3,
}
