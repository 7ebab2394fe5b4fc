namespace SmartSensors.Mqtt.Client;

/// <summary>A QoS 1/2 publish that the broker has not finished acknowledging. Part of the session state.</summary>
internal sealed class OutboundFlight
{
    public OutboundFlight(MqttApplicationMessage message)
    {
        Message = message;
    }

    public MqttApplicationMessage Message { get; }

    /// <summary>Assigned when the flight gets a send-quota slot (0 while it waits for one); given by the caller for
    /// a caller-managed flow.</summary>
    public ushort PacketId { get; set; }

    /// <summary>Order of the publish call, for sending and resending in the original order.</summary>
    public long Sequence { get; set; }

    /// <summary>Has a send-quota slot: in <c>_flights</c>, sent or about to be.</summary>
    public bool InFlight { get; set; }

    /// <summary>Send the first PUBLISH with DUP: a caller-managed flow that an earlier process may have sent.</summary>
    public bool Dup { get; init; }

    /// <summary>The caller gave up while the flight was still waiting for a send-quota slot: it is never sent.</summary>
    public bool Abandoned { get; set; }

    /// <summary>QoS 2 with the state kept by the caller: the flow pauses at PUBREC until the caller releases it.</summary>
    public bool CallerManaged { get; init; }

    /// <summary>Caller-managed QoS 2: PUBREC received, PUBREL not yet asked for.</summary>
    public bool Received { get; set; }

    /// <summary>QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP.</summary>
    public bool Released { get; set; }

    /// <summary>Completes on PUBACK, on PUBCOMP, on a failing PUBREC, or (caller-managed) on PUBREC.</summary>
    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Caller-managed QoS 2: completes on PUBCOMP once the caller released the flow.</summary>
    public TaskCompletionSource<MqttPublishResult>? ReleaseCompletion { get; set; }
}
