using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Ingest;

/// <summary>Ingest log messages (event ids 6101-6199).</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Ingest subscribed to {Filter} as {ClientId} (session present {SessionPresent}, receive maximum {ReceiveMaximum})")]
    public static partial void Subscribed(ILogger logger, string filter, string clientId, bool sessionPresent, int receiveMaximum);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Pack on {Topic} refused: {Reasons}")]
    public static partial void Refused(ILogger logger, string topic, string reasons);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "InfluxDB refused lines of the pack on {Topic}: {Reason}; dead-lettering it")]
    public static partial void InfluxRejected(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Pack on {Topic} not confirmed written ({Reason}); left unacknowledged for redelivery")]
    public static partial void NotWritten(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Dead-letter store failed; retrying in {Delay} (refused packs stay unacknowledged meanwhile)")]
    public static partial void DeadLetterStoreFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Error, Message = "The broker refused the subscription to {Filter}: {ReasonCode}")]
    public static partial void SubscribeRefused(ILogger logger, string filter, SmartSensors.Mqtt.MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Error, Message = "Ingest failed; restarting in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Information, Message = "Ingest stopped: {Written} packs written, {DeadLettered} dead-lettered")]
    public static partial void Stopped(ILogger logger, long written, long deadLettered);

    [LoggerMessage(EventId = 6109, Level = LogLevel.Information, Message = "Ingest connection {State}")]
    public static partial void ConnectionState(ILogger logger, SmartSensors.Mqtt.MqttConnectionState state);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Warning, Message = "Dead-letter store evicted {Count} old dead letters (DeadLetters:MaxCount / DeadLetters:MaxAge)")]
    public static partial void Evicted(ILogger logger, int count);
}
