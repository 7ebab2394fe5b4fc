namespace SmartSensors.Mqtt;

/// <summary>SUBACK: one reason code per requested subscription, in order (granted QoS 0..2, or a failure code ≥ 0x80).</summary>
public sealed class MqttSubscribeResult
{
    internal MqttSubscribeResult(IReadOnlyList<MqttReasonCode> reasonCodes, string? reasonString)
    {
        ReasonCodes = reasonCodes;
        ReasonString = reasonString;
    }

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; }

    public string? ReasonString { get; }

    public bool AllGranted => ReasonCodes.All(c => (byte)c < 0x80);
}
