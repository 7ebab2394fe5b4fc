namespace SmartSensors.Mqtt.Client;

/// <summary>A received QoS 1/2 PUBLISH waiting for the application's acknowledgement, in arrival order.</summary>
internal sealed class InboundSlot
{
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
    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
