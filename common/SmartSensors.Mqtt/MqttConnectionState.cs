namespace SmartSensors.Mqtt;

/// <summary>The connection state of an <see cref="IMqttClient"/>.</summary>
public enum MqttConnectionState
{
    /// <summary>Not connected and not trying to (initial state, after DisconnectAsync, or reconnect disabled).</summary>
    Disconnected = 0,

    /// <summary>Opening the transport and waiting for CONNACK (first connect or a reconnect attempt).</summary>
    Connecting = 1,

    /// <summary>CONNACK received with success; packets flow.</summary>
    Connected = 2,

    /// <summary>The connection was lost; waiting for the reconnect backoff to elapse.</summary>
    WaitingToReconnect = 3,
}
