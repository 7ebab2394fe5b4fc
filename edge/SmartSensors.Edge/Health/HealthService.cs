using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Outbox;
using SmartSensors.Edge.Sampling;

namespace SmartSensors.Edge.Health;

/// <summary>
/// Every <c>HealthInterval</c> takes the gateway's own readings (kind gateway_health, sensor id <c>gateway</c>): outbox
/// depth, age of the oldest unsent reading, evicted count, sensor errors, CPU temperature. They travel the same path as
/// sensor readings: queue, outbox, uplink.
/// </summary>
internal sealed class HealthService(
    SqliteOutbox outbox,
    ReadingQueue queue,
    SensorHealthRegistry sensors,
    CpuTemperatureReader cpu,
    IOptions<GatewayOptions> gateway,
    TimeProvider time,
    ILogger<HealthService> logger) : BackgroundService
{
    /// <summary>The readings for one health snapshot (pure apart from the inputs).</summary>
    public static IReadOnlyList<Reading> BuildReadings(OutboxStatistics stats, long sensorErrors, double? cpuTemperature, DateTimeOffset now)
    {
        var id = SensorListOptions.HealthSensorId;
        var oldestAge = stats.OldestCaptureTime is { } oldest && oldest < now ? (now - oldest).TotalSeconds : 0;
        var readings = new List<Reading>(5)
        {
            Reading.Of(id, Quantities.OutboxDepth, stats.Depth, now),
            Reading.Of(id, Quantities.OldestUnsentAge, Math.Min(Math.Round(oldestAge, 3), Quantities.OldestUnsentAge.Maximum), now),
            Reading.Of(id, Quantities.Evicted, stats.EvictedTotal, now),
            Reading.Of(id, Quantities.SensorErrors, sensorErrors, now),
        };
        if (cpuTemperature is { } celsius)
        {
            readings.Add(Reading.Of(id, Quantities.CpuTemperature, Math.Round(celsius, 3), now));
        }

        return readings;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(gateway.Value.HealthInterval, time);
        try
        {
            do
            {
                IReadOnlyList<Reading> readings;
                try
                {
                    var stats = outbox.GetStatistics();
                    var now = time.GetUtcNow();
                    var cpuTemperature = cpu.Read();
                    readings = BuildReadings(stats, sensors.TotalErrors, cpuTemperature, now);
                    HealthLog.Snapshot(logger, stats.Depth, stats.OldestCaptureTime is { } o ? now - o : TimeSpan.Zero, stats.EvictedTotal, sensors.TotalErrors, cpuTemperature);
                }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    HealthLog.Failed(logger, ex);
                    continue;
                }

                foreach (var reading in readings)
                {
                    await queue.WriteAsync(reading, stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
