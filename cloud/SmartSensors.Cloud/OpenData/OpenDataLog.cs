using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.OpenData;

/// <summary>Open-data log messages (event ids 7201-7299).</summary>
internal static partial class OpenDataLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Open data {Dataset}: InfluxDB query failed; answered 503")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string dataset);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Debug, Message = "Open data {Dataset}: refused parameter {Parameter}: {Detail}")]
    public static partial void Refused(ILogger logger, string dataset, string parameter, string detail);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information, Message = "Open data: {Stations} station(s) published; CAP feed {CapFeed}")]
    public static partial void Started(ILogger logger, int stations, CapFeedAccess capFeed);
}
