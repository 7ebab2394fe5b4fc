using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Client;

/// <summary>A SUBSCRIBE or UNSUBSCRIBE waiting for its SUBACK/UNSUBACK.</summary>
internal sealed class PendingRequest
{
    public PendingRequest(MqttPacketType expected) => Expected = expected;

    public MqttPacketType Expected { get; }

    public TaskCompletionSource<MqttPacket> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
