using Microsoft.Extensions.Logging;

namespace SmartSensors.Edge.Sampling;

/// <summary>Sampling log messages (event ids 1000-1099, stable).</summary>
internal static partial class SamplingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Sampling sensor {SensorId} ({Kind} on {Bus}) every {Interval}")]
    public static partial void SamplerStarted(ILogger logger, string sensorId, string kind, string bus, TimeSpan interval);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Sensor {SensorId} failed ({ConsecutiveFailures} in a row, {TotalErrors} in all); retrying in {RetryIn}: {Reason}")]
    public static partial void SensorFailed(ILogger logger, string sensorId, int consecutiveFailures, long totalErrors, TimeSpan retryIn, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Sensor {SensorId} recovered after {Failures} failed attempts")]
    public static partial void SensorRecovered(ILogger logger, string sensorId, int failures);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Sensor {SensorId} reported {Quantity} = {Value} {Unit}, which the wire contract refuses: {Problem}")]
    public static partial void ReadingRefused(ILogger logger, string sensorId, string quantity, double value, string unit, string problem);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Sensor {SensorId} reported {Quantity} in {Unit}, which is not sent (not in the wire contract)")]
    public static partial void QuantityNotSent(ILogger logger, string sensorId, string quantity, string unit);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Sensor {SensorId}: {Quantity} = {Value} is outside its local band [{Low}, {High}]")]
    public static partial void ThresholdCrossed(ILogger logger, string sensorId, string quantity, double value, double? low, double? high);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Sensor {SensorId}: {Quantity} = {Value} is back inside its local band")]
    public static partial void ThresholdCleared(ILogger logger, string sensorId, string quantity, double value);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Sensor {SensorId} did not answer within {Timeout}; its driver will be reopened")]
    public static partial void SensorTimedOut(ILogger logger, string sensorId, TimeSpan timeout);
}
