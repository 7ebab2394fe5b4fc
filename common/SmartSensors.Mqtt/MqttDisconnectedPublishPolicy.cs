namespace SmartSensors.Mqtt;

/// <summary>What <see cref="IMqttClient.PublishAsync"/> does while the client is not connected.</summary>
public enum MqttDisconnectedPublishPolicy
{
    /// <summary>Wait for the connection, at most <see cref="MqttClientOptions.DisconnectedPublishTimeout"/>, then throw <see cref="MqttNotConnectedException"/>.</summary>
    Wait = 0,

    /// <summary>Throw <see cref="MqttNotConnectedException"/> at once.</summary>
    FailFast = 1,
}
