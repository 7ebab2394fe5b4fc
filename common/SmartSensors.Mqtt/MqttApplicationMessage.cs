namespace SmartSensors.Mqtt;

/// <summary>A message to publish. MQTT 5.0-only fields are ignored on an MQTT 3.1.1 connection.</summary>
public sealed class MqttApplicationMessage
{
    /// <summary>Topic name (no wildcards, not empty, UTF-8 without U+0000).</summary>
    public required string Topic { get; init; }

    /// <summary>Application payload; may be empty.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; } = MqttQualityOfService.AtLeastOnce;

    /// <summary>Ask the broker to retain the message for future subscribers (empty payload clears the retained message).</summary>
    public bool Retain { get; init; }

    /// <summary>v5 Payload Format Indicator: true when the payload is UTF-8 text.</summary>
    public bool PayloadIsUtf8 { get; init; }

    /// <summary>v5 Message Expiry Interval in seconds; null means the message does not expire.</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>v5 Content Type (e.g. "application/senml+json").</summary>
    public string? ContentType { get; init; }

    /// <summary>v5 Response Topic for request/response.</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>v5 Correlation Data for request/response.</summary>
    public ReadOnlyMemory<byte> CorrelationData { get; init; }

    /// <summary>v5 User Properties, sent in order.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
