using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Api;

/// <summary>API log messages (event ids 6401-6499).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Live stream subscribed to {Filters} as {ClientId} (QoS 0, clean session)")]
    public static partial void StreamSubscribed(ILogger logger, string filters, string clientId);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Error, Message = "Live stream subscriber failed; restarting in {Delay}")]
    public static partial void StreamFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Error, Message = "Live stream subscription {Filter} was refused by the broker: {ReasonCode}")]
    public static partial void StreamSubscribeRefused(ILogger logger, string filter, SmartSensors.Mqtt.MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Debug, Message = "Live stream ignored a message on {Topic}: {Reason}")]
    public static partial void StreamIgnored(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Warning, Message = "Stream client {ClientId} fell {Buffer} events behind and was disconnected")]
    public static partial void StreamClientDropped(ILogger logger, long clientId, int buffer);

    [LoggerMessage(EventId = 6406, Level = LogLevel.Warning, Message = "Metrics: instrument {Instrument} reached {Max} series; further tag combinations are not exported")]
    public static partial void MetricsSeriesLimit(ILogger logger, string instrument, int max);
}
