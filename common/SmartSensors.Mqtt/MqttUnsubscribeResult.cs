namespace SmartSensors.Mqtt;

/// <summary>UNSUBACK: one reason code per filter (v5); on 3.1.1 every code is <see cref="MqttReasonCode.Success"/>.</summary>
public sealed class MqttUnsubscribeResult
{
    internal MqttUnsubscribeResult(IReadOnlyList<MqttReasonCode> reasonCodes, string? reasonString)
    {
        ReasonCodes = reasonCodes;
        ReasonString = reasonString;
    }

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; }

    public string? ReasonString { get; }
}
