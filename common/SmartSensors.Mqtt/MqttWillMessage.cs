using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Mqtt;

/// <summary>The will (last-will-and-testament) message the broker publishes if the connection ends without DISCONNECT.</summary>
public sealed class MqttWillMessage
{
    [Required]
    public string Topic { get; set; } = "";

    /// <summary>Will payload bytes (bound from configuration as base64); see also <see cref="PayloadText"/>.</summary>
    public byte[] Payload { get; set; } = [];

    /// <summary>Convenience: a UTF-8 text payload; used when <see cref="Payload"/> is empty.</summary>
    public string? PayloadText { get; set; }

    public MqttQualityOfService QualityOfService { get; set; } = MqttQualityOfService.AtLeastOnce;

    public bool Retain { get; set; }

    /// <summary>v5 Will Delay Interval in seconds (the broker waits this long before publishing; a reconnect in time cancels it).</summary>
    [Range(0, uint.MaxValue)]
    public uint DelaySeconds { get; set; }

    /// <summary>v5 Message Expiry Interval of the will, in seconds; null for none.</summary>
    public uint? MessageExpiryInterval { get; set; }

    /// <summary>v5 Content Type of the will.</summary>
    public string? ContentType { get; set; }

    /// <summary>v5 Payload Format Indicator (UTF-8 text).</summary>
    public bool PayloadIsUtf8 { get; set; }

    public IList<MqttUserProperty> UserProperties { get; } = [];

    internal ReadOnlyMemory<byte> EffectivePayload =>
        Payload.Length > 0 || PayloadText is null ? Payload : System.Text.Encoding.UTF8.GetBytes(PayloadText);
}
