namespace SmartSensors.Mqtt.Client;

/// <summary>A QoS 1/2 publish that the broker has not finished acknowledging. Part of the session state.</summary>
internal sealed class OutboundFlight
{
    public OutboundFlight(MqttApplicationMessage message, ushort packetId, long sequence)
    {
        Message = message;
        PacketId = packetId;
        Sequence = sequence;
    }

    public MqttApplicationMessage Message { get; }

    public ushort PacketId { get; }

    /// <summary>Order of first send, for resending in the original order.</summary>
    public long Sequence { get; }

    /// <summary>QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP.</summary>
    public bool Released { get; set; }

    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
