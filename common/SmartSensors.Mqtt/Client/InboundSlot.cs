namespace SmartSensors.Mqtt.Client;

/// <summary>A received QoS 1/2 PUBLISH waiting for the application's acknowledgement, in arrival order.</summary>
internal sealed class InboundSlot
{
    private const int Pending = 0;
    private const int Succeeded = 1;
    private const int Lost = 2;
    private static readonly Task<bool> s_succeeded = Task.FromResult(true);
    private static readonly Task<bool> s_lost = Task.FromResult(false);
    private int _state;

    // Made only when someone asks for Completion before the slot is done: most consumers never ask, and a slot is
    // allocated per received message.
    private TaskCompletionSource<bool>? _done;

    public InboundSlot(ushort packetId, MqttQualityOfService qos)
    {
        PacketId = packetId;
        QoS = qos;
    }

    public ushort PacketId { get; }

    public MqttQualityOfService QoS { get; }

    public bool Acknowledged { get; set; }

    public MqttReasonCode ReasonCode { get; set; }

    /// <summary>True once the final acknowledgement (PUBACK, PUBCOMP, or a failing PUBREC) is written; false if the connection was lost first.</summary>
    public Task<bool> Completion
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (state != Pending)
            {
                return state == Succeeded ? s_succeeded : s_lost;
            }

            var done = Volatile.Read(ref _done);
            if (done is null)
            {
                var created = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                done = Interlocked.CompareExchange(ref _done, created, null) ?? created;
            }

            // Complete() may have run between the first read and publishing the source: it then found no source to set.
            state = Volatile.Read(ref _state);
            if (state != Pending)
            {
                done.TrySetResult(state == Succeeded);
            }

            return done.Task;
        }
    }

    /// <summary>Ends the exchange (the first call wins): <paramref name="acknowledged"/> true once the final
    /// acknowledgement is written, false if the connection was lost first.</summary>
    public void Complete(bool acknowledged)
    {
        if (Interlocked.CompareExchange(ref _state, acknowledged ? Succeeded : Lost, Pending) == Pending)
        {
            Volatile.Read(ref _done)?.TrySetResult(acknowledged);
        }
    }
}
