namespace SmartSensors.Mqtt;

/// <summary>The broker's answer to a publish: PUBACK (QoS 1) or PUBREC/PUBCOMP (QoS 2); QoS 0 is <see cref="MqttReasonCode.Success"/> once written.</summary>
public sealed class MqttPublishResult
{
    internal MqttPublishResult(MqttReasonCode reasonCode, string? reasonString, IReadOnlyList<MqttUserProperty> userProperties)
    {
        ReasonCode = reasonCode;
        ReasonString = reasonString;
        UserProperties = userProperties;
    }

    internal static MqttPublishResult SuccessResult { get; } = new(MqttReasonCode.Success, null, []);

    /// <summary>v5 reason code (always <see cref="MqttReasonCode.Success"/> on 3.1.1, which has none).</summary>
    public MqttReasonCode ReasonCode { get; }

    public string? ReasonString { get; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; }

    /// <summary>True for reason codes below 0x80 (Success or No Matching Subscribers).</summary>
    public bool IsSuccess => (byte)ReasonCode < 0x80;
}
