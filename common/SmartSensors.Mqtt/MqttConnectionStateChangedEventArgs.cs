namespace SmartSensors.Mqtt;

/// <summary>Raised when <see cref="IMqttClient.State"/> changes. Handlers run on a client thread: keep them short and non-blocking.</summary>
public sealed class MqttConnectionStateChangedEventArgs : EventArgs
{
    internal MqttConnectionStateChangedEventArgs(MqttConnectionState previousState, MqttConnectionState state, MqttReasonCode? reasonCode, Exception? exception, bool sessionPresent)
    {
        PreviousState = previousState;
        State = state;
        ReasonCode = reasonCode;
        Exception = exception;
        SessionPresent = sessionPresent;
    }

    public MqttConnectionState PreviousState { get; }

    public MqttConnectionState State { get; }

    /// <summary>Reason code of a CONNACK refusal or of a DISCONNECT received from the broker, if any.</summary>
    public MqttReasonCode? ReasonCode { get; }

    /// <summary>Why the connection ended, when it ended by an error.</summary>
    public Exception? Exception { get; }

    /// <summary>For <see cref="MqttConnectionState.Connected"/>: whether the broker resumed the session.</summary>
    public bool SessionPresent { get; }
}
