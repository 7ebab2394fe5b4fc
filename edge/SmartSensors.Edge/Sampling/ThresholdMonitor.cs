using Microsoft.Extensions.Logging;
using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;

namespace SmartSensors.Edge.Sampling;

/// <summary>Logs when a sensor's reading leaves or re-enters its local band (transitions only, not every sample).</summary>
internal sealed class ThresholdMonitor(SensorOptions sensor, ILogger logger)
{
    private readonly HashSet<string> _outside = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="reading"/> is outside its configured band.</summary>
    public bool Check(in Reading reading)
    {
        if (sensor.Thresholds is null || !sensor.Thresholds.TryGetValue(reading.Quantity, out var band) || band is null)
        {
            return false;
        }

        var outside = (band.Low is { } low && reading.Value < low) || (band.High is { } high && reading.Value > high);
        if (outside && _outside.Add(reading.Quantity))
        {
            SamplingLog.ThresholdCrossed(logger, sensor.Id, reading.Quantity, reading.Value, band.Low, band.High);
        }
        else if (!outside && _outside.Remove(reading.Quantity))
        {
            SamplingLog.ThresholdCleared(logger, sensor.Id, reading.Quantity, reading.Value);
        }

        return outside;
    }
}
