using Microsoft.Extensions.Logging;

namespace SmartSensors.Mqtt.Client;

/// <summary>Source-generated log messages of the MQTT client (event ids 3100-3199).</summary>
internal static partial class MqttClientLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "MQTT connected to {Host}:{Port} as '{ClientId}' (MQTT {Version}, session present: {SessionPresent}).")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, MqttProtocolVersion version, bool sessionPresent);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "MQTT connection to {Host}:{Port} lost.")]
    public static partial void ConnectionLost(ILogger logger, string host, int port, Exception? exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "MQTT connect attempt {Attempt} to {Host}:{Port} failed; retrying in {DelayMs} ms.")]
    public static partial void ConnectFailed(ILogger logger, int attempt, string host, int port, long delayMs, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "MQTT protocol error from the broker ({ReasonCode}): {Detail}")]
    public static partial void ProtocolError(ILogger logger, MqttReasonCode reasonCode, string detail);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "MQTT broker sent DISCONNECT {ReasonCode}: {ReasonString}")]
    public static partial void ServerDisconnect(ILogger logger, MqttReasonCode reasonCode, string? reasonString);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "MQTT inbox full: dropped a QoS 0 message on '{Topic}' ({Dropped} dropped so far).")]
    public static partial void Qos0Dropped(ILogger logger, string topic, long dropped);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "MQTT session not present: resubscribing {Count} subscription(s) and re-sending {Flights} unacknowledged publish(es).")]
    public static partial void SessionLost(ILogger logger, int count, int flights);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "MQTT keep-alive: no PINGRESP within {Seconds} s; closing the connection.")]
    public static partial void KeepAliveTimeout(ILogger logger, int seconds);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "MQTT disconnected from {Host}:{Port}.")]
    public static partial void Disconnected(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "MQTT resubscribe after session loss failed for '{Filter}' with {ReasonCode}.")]
    public static partial void ResubscribeFailed(ILogger logger, string filter, MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "MQTT broker exceeded our Receive Maximum of {ReceiveMaximum} (a known Mosquitto 2.0.x flaw); holding the excess with TCP back-pressure instead of disconnecting.")]
    public static partial void ReceiveMaximumExceeded(ILogger logger, int receiveMaximum);
}
