using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Registry;

/// <summary>Registry log messages (event ids 6201-6299).</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Gateway registry subscribed to {Filter} as {ClientId}")]
    public static partial void Subscribed(ILogger logger, string filter, string clientId);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Status message on {Topic} refused: {Reasons}")]
    public static partial void StatusRefused(ILogger logger, string topic, string reasons);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Gateway {Site}/{Gateway} is {State}")]
    public static partial void StatusApplied(ILogger logger, string site, string gateway, string state);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Gateway registry is full (Registry:MaxGateways); {Site}/{Gateway} not added")]
    public static partial void Full(ILogger logger, string site, string gateway);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Error, Message = "Status subscription {Filter} was refused by the broker: {ReasonCode}")]
    public static partial void SubscribeRefused(ILogger logger, string filter, SmartSensors.Mqtt.MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Error, Message = "Gateway registry subscriber failed; retrying in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan delay);
}
