using Microsoft.Extensions.Logging;

namespace SmartSensors.Influx.Query;

/// <summary>Source-generated log messages of the query client (event ids 4101-4199).</summary>
internal static partial class InfluxQueryLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "InfluxQL query of {Length} characters answered HTTP {StatusCode}")]
    public static partial void Queried(ILogger logger, int statusCode, int length);
}
