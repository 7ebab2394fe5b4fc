using Microsoft.Extensions.Logging;

namespace SmartSensors.Influx.Write;

/// <summary>Source-generated log messages of the writer (event ids 4001-4099).</summary>
internal static partial class InfluxWriterLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "InfluxDB writer started: {Uri} (batches of {BatchPoints} points / {BatchBytes} bytes, flush every {FlushInterval}, gzip {Gzip})")]
    public static partial void Started(ILogger logger, Uri uri, int batchPoints, int batchBytes, TimeSpan flushInterval, bool gzip);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "InfluxDB write failed (attempt {Attempt}, HTTP {StatusCode}): {Error}; retrying in {Delay}")]
    public static partial void TransientFailure(ILogger logger, int attempt, int statusCode, string? error, TimeSpan delay);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "InfluxDB refused the write because of a configuration problem (HTTP {StatusCode}): {Error}. Check Influx:Url, Influx:Database/Bucket and credentials. Data is kept and retried every {Delay}")]
    public static partial void ConfigurationFailure(ILogger logger, int statusCode, string? error, TimeSpan delay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "InfluxDB rejected a line: {Error} -- line: {Line}")]
    public static partial void LineRejected(ILogger logger, string error, string line);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "InfluxDB rejected part of a batch of {Lines} lines (HTTP {StatusCode}: {Error}); splitting it to isolate the bad lines")]
    public static partial void Bisecting(ILogger logger, int lines, int statusCode, string? error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "InfluxDB write abandoned after {Attempts} attempts: {Error}")]
    public static partial void GaveUp(ILogger logger, int attempts, string? error);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "InfluxDB writer stopped with {Items} items not written; they are reported as failed")]
    public static partial void StoppedWithPending(ILogger logger, int items);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "A write completion callback threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "InfluxDB write succeeded after {Attempts} attempts")]
    public static partial void Recovered(ILogger logger, int attempts);
}
