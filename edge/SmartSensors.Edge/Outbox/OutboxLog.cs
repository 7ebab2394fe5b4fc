using Microsoft.Extensions.Logging;

namespace SmartSensors.Edge.Outbox;

/// <summary>Outbox log messages (event ids 1100-1199, stable).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Outbox {Path} open: {Depth} readings waiting ({Bytes} of {MaxBytes} bytes), {Evicted} evicted so far")]
    public static partial void Opened(ILogger logger, string path, long depth, long bytes, long maxBytes, long evicted);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Outbox full or expired: evicted {ForSpace} oldest readings for space and {ForAge} for age ({Total} in all)")]
    public static partial void Evicted(ILogger logger, long forSpace, long forAge, long total);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Could not commit {Count} readings to the outbox; retrying in {RetryIn}")]
    public static partial void AppendFailed(ILogger logger, Exception exception, int count, TimeSpan retryIn);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Outbox writer stopped after committing the {Count} readings still queued")]
    public static partial void Drained(ILogger logger, int count);
}
