namespace SmartSensors.Mqtt;

/// <summary>
/// A message received from the broker. For QoS 1/2 the PUBACK/PUBREC is sent only when <see cref="AckAsync(CancellationToken)"/>
/// is called (or, with <see cref="MqttClientOptions.AutoAcknowledge"/>, when the message is read from the channel).
/// Acknowledgements leave in the order the messages arrived even when acknowledged out of order: an unacknowledged
/// message holds back the acknowledgements of later ones. Until acknowledged a message counts against the Receive
/// Maximum, so a consumer that does not acknowledge stops the broker sending more QoS 1/2 messages.
/// </summary>
public sealed class MqttReceivedMessage
{
    private readonly IMqttAcknowledger? _acknowledger;
    private int _acknowledged;

    internal MqttReceivedMessage(IMqttAcknowledger? acknowledger)
    {
        _acknowledger = acknowledger;
        if (acknowledger is null)
        {
            _acknowledged = 1;
        }
    }

    public required string Topic { get; init; }

    /// <summary>Arrival slot in the connection's acknowledgement queue (QoS 1/2).</summary>
    internal Client.InboundSlot? Slot { get; init; }

    /// <summary>The connection the message arrived on; acknowledging after it closed does nothing.</summary>
    internal Client.MqttConnection? Connection { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    /// <summary>The retain flag as delivered (a retained message sent on subscribe, or retain-as-published).</summary>
    public bool Retain { get; init; }

    /// <summary>DUP flag: the broker may have sent this message before (QoS 1/2 redelivery).</summary>
    public bool Duplicate { get; init; }

    public bool PayloadIsUtf8 { get; init; }

    public uint? MessageExpiryInterval { get; init; }

    public string? ContentType { get; init; }

    public string? ResponseTopic { get; init; }

    public ReadOnlyMemory<byte> CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>v5 Subscription Identifiers of the subscriptions that matched.</summary>
    public IReadOnlyList<int> SubscriptionIdentifiers { get; init; } = [];

    /// <summary>
    /// Completes when this message's exchange with the broker is over on our side: true once the final acknowledgement
    /// (PUBACK for QoS 1; PUBCOMP, after the broker's PUBREL, for QoS 2) has been handed to the connection, false if the
    /// connection was lost first (the broker then redelivers if the session survives). Already true for QoS 0.
    /// Await it only after <see cref="AckAsync(CancellationToken)"/>, and not while holding back the acknowledgement of an
    /// earlier message: acknowledgements leave in arrival order.
    /// </summary>
    public Task<bool> AcknowledgementCompleted => Slot?.Completion ?? s_completed;

    private static readonly Task<bool> s_completed = Task.FromResult(true);

    /// <summary>True once acknowledged (always true for QoS 0).</summary>
    public bool IsAcknowledged => Volatile.Read(ref _acknowledged) != 0;

    /// <summary>Acknowledge with success. Idempotent. If the connection this message came on has been lost the call
    /// does nothing: the broker redelivers the message (with DUP) when the session resumes.</summary>
    public ValueTask AckAsync(CancellationToken cancellationToken = default) =>
        AckAsync(MqttReasonCode.Success, cancellationToken);

    /// <summary>Acknowledge with a v5 reason code (e.g. <see cref="MqttReasonCode.ImplementationSpecificError"/> to refuse
    /// the message; on 3.1.1 the code is not transmitted).</summary>
    public ValueTask AckAsync(MqttReasonCode reasonCode, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _acknowledged, 1) != 0 || _acknowledger is null)
        {
            return ValueTask.CompletedTask;
        }

        return _acknowledger.AcknowledgeAsync(this, reasonCode, cancellationToken);
    }
}
