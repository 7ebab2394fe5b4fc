using Microsoft.Extensions.Logging;
using SmartSensors.Mqtt;

namespace SmartSensors.Edge.Uplink;

/// <summary>Uplink log messages (event ids 1200-1299, stable). Credentials are never logged.</summary>
internal static partial class UplinkLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Connecting to MQTT broker {Host}:{Port} (TLS {Tls}) as {ClientId}")]
    public static partial void Connecting(ILogger logger, string host, int port, bool tls, string clientId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "MQTT connection {State} (was {Previous})")]
    public static partial void StateChanged(ILogger logger, MqttConnectionState state, MqttConnectionState previous);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "The broker refused the connection ({ReasonCode}); check this gateway's credentials and ACL. Retrying in {RetryIn}")]
    public static partial void ConnectRefused(ILogger logger, MqttReasonCode? reasonCode, TimeSpan retryIn);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Published birth status on {Topic}")]
    public static partial void BirthPublished(ILogger logger, string topic);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Pack {Sequence} ({Count} readings) was not acknowledged: {Reason}; its readings stay in the outbox and are sent again")]
    public static partial void PublishFailed(ILogger logger, long sequence, int count, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Readings {FirstId}..{LastId} cannot be encoded and are dropped from the outbox: {Reason}")]
    public static partial void PoisonDropped(ILogger logger, long firstId, long lastId, string reason);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Resending from the oldest unacknowledged reading")]
    public static partial void Rewinding(ILogger logger);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Error, Message = "Uplink error; retrying in {RetryIn}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Uplink stopped: offline status published, disconnected")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Debug, Message = "Pack {Sequence} acknowledged ({Count} readings)")]
    public static partial void PackAcknowledged(ILogger logger, long sequence, int count);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Could not publish the status message: {Reason}")]
    public static partial void StatusFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Resuming {Count} QoS 2 packs recorded in the outbox (sequence {FirstSequence}..{LastSequence}): each is sent again with its packet identifier, so the broker delivers it once")]
    public static partial void ResumingPacks(ILogger logger, int count, long firstSequence, long lastSequence);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "QoS 2 pack {Sequence} did not complete: {Reason}; it stays in the outbox and is resumed with the same packet identifier")]
    public static partial void FlowInterrupted(ILogger logger, long sequence, string reason);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "Reconnected: sending again the {Count} packs the broker acknowledged in the last {Window} (sequence {FirstSequence}..{LastSequence}), in case it lost them unsaved")]
    public static partial void Replaying(ILogger logger, int count, TimeSpan window, long firstSequence, long lastSequence);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "Replay window full ({MaxBytes} bytes): {Dropped} acknowledged packs dropped from it early; a broker crash before it saves could lose them (raise SmartSensors:Broker:ReplayWindowBytes)")]
    public static partial void ReplayWindowOverflow(ILogger logger, long maxBytes, int dropped);
}
