namespace SmartSensors.Mqtt.Client;

/// <summary>A QoS 1/2 publish that the broker has not finished acknowledging. Part of the session state.</summary>
internal sealed class OutboundFlight
{
    public OutboundFlight(MqttApplicationMessage message, long sequence)
    {
        Message = message;
        Sequence = sequence;
    }

    public MqttApplicationMessage Message { get; }

    /// <summary>Assigned when the flight gets a send-quota slot (0 while it waits for one).</summary>
    public ushort PacketId { get; set; }

    /// <summary>Order of the publish call, for sending and resending in the original order.</summary>
    public long Sequence { get; }

    /// <summary>The caller gave up while the flight was still waiting for a send-quota slot: it is never sent.</summary>
    public bool Abandoned { get; set; }

    /// <summary>QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP.</summary>
    public bool Released { get; set; }

    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
