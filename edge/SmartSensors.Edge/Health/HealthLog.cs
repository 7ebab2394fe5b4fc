using Microsoft.Extensions.Logging;

namespace SmartSensors.Edge.Health;

/// <summary>Health log messages (event ids 1300-1399, stable).</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Gateway health: outbox depth {Depth}, oldest unsent {OldestAge}, evicted {Evicted}, sensor errors {SensorErrors}, CPU {CpuTemperature} °C")]
    public static partial void Snapshot(ILogger logger, long depth, TimeSpan oldestAge, long evicted, long sensorErrors, double? cpuTemperature);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Could not take the gateway health readings")]
    public static partial void Failed(ILogger logger, Exception exception);
}
