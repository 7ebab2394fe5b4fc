using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;

namespace SmartSensors.Edge.Sampling;

/// <summary>Runs one <see cref="SensorSampler"/> per configured sensor, each independent of the others.</summary>
internal sealed class SamplingService(
    IOptions<SensorListOptions> sensors,
    ISensorFactory factory,
    ReadingQueue queue,
    SensorHealthRegistry health,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<SamplingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var samplers = sensors.Value.Sensors
            .Select(sensor => new SensorSampler(sensor, factory, queue, health, metrics, time, logger))
            .Select(sampler => Task.Run(() => sampler.RunAsync(stoppingToken), CancellationToken.None))
            .ToList();
        return Task.WhenAll(samplers);
    }
}
