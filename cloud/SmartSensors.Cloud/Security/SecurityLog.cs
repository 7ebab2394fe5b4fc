using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Security;

/// <summary>Security log messages (event ids 6501-6599). Tokens and keys are never logged.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "Bearer token refused: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Information, Message = "Unknown API key refused")]
    public static partial void ApiKeyRefused(ILogger logger);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Information, Message = "Rate limit {Policy} exceeded by {Client} on {Path}")]
    public static partial void RateLimited(ILogger logger, string policy, string client, string path);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Information, Message = "API security: {Keys} signing key(s), {ApiKeys} API key(s)")]
    public static partial void Configured(ILogger logger, int keys, int apiKeys);
}
