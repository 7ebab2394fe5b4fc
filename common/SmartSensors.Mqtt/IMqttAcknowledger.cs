namespace SmartSensors.Mqtt;

/// <summary>Sends the acknowledgement of a received QoS 1/2 message (implemented by the client's inbound flow).</summary>
internal interface IMqttAcknowledger
{
    ValueTask AcknowledgeAsync(MqttReceivedMessage message, MqttReasonCode reasonCode, CancellationToken cancellationToken);
}
