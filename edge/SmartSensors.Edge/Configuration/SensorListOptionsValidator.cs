using System.Globalization;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Devices;

namespace SmartSensors.Edge.Configuration;

/// <summary>Checks every sensor entry; messages name the setting, e.g. <c>SmartSensors:Sensors:3:Interval</c>.</summary>
internal sealed class SensorListOptionsValidator : IValidateOptions<SensorListOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, SensorListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Sensors is null || options.Sensors.Count == 0)
        {
            errors.Add("SmartSensors:Sensors must list at least one sensor.");
            return ValidateOptionsResult.Fail(errors);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sensors.Count; i++)
        {
            var sensor = options.Sensors[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"SmartSensors:Sensors:{i}:");
            if (sensor is null)
            {
                errors.Add($"{prefix[..^1]} is empty.");
                continue;
            }

            ValidateSensor(sensor, prefix, ids, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateSensor(SensorOptions sensor, string prefix, HashSet<string> ids, List<string> errors)
    {
        if (!Topics.IsValidId(sensor.Id))
        {
            errors.Add($"{prefix}Id must be 1-64 characters of a-z, 0-9 and '-' (got '{sensor.Id}').");
        }
        else if (string.Equals(sensor.Id, SensorListOptions.HealthSensorId, StringComparison.Ordinal))
        {
            errors.Add($"{prefix}Id '{sensor.Id}' is reserved for the gateway's own health readings.");
        }
        else if (!ids.Add(sensor.Id))
        {
            errors.Add($"{prefix}Id '{sensor.Id}' is used by another sensor; sensor ids must be unique.");
        }

        if (!SensorBus.All.Contains(sensor.Bus, StringComparer.Ordinal))
        {
            errors.Add($"{prefix}Bus must be one of {string.Join(", ", SensorBus.All)} (got '{sensor.Bus}').");
        }
        else if (!sensor.IsSimulated && ExpectedBus(sensor.Kind) is { } expected && !string.Equals(expected, sensor.Bus, StringComparison.Ordinal))
        {
            errors.Add($"{prefix}Bus must be '{expected}' or '{SensorBus.Simulated}' for a {sensor.Kind} (got '{sensor.Bus}').");
        }

        if (sensor.Interval < MinInterval || sensor.Interval > MaxInterval)
        {
            errors.Add($"{prefix}Interval must be between 1 s and 1 h (got {sensor.Interval}).");
        }

        if (sensor.Timeout < MinTimeout || sensor.Timeout > sensor.Interval)
        {
            errors.Add($"{prefix}Timeout must be between 100 ms and the sensor's Interval (got {sensor.Timeout}).");
        }

        if (!sensor.TryParseAddress(out _))
        {
            errors.Add($"{prefix}Address must be a number, decimal or 0x-hex (got '{sensor.Address}').");
        }
        else
        {
            // The device layer knows which settings each kind needs; it names them with the same prefix.
            errors.AddRange(sensor.ToDescription().Validate(prefix).Where(e => !e.StartsWith(prefix + "Id ", StringComparison.Ordinal)));
        }

        foreach (var (quantity, threshold) in sensor.Thresholds ?? [])
        {
            if (!Quantities.TryGet(quantity, out _))
            {
                errors.Add($"{prefix}Thresholds:{quantity} is not a known quantity (e.g. moisture, pm2_5, level).");
            }
            else if (threshold is null || (threshold.Low is null && threshold.High is null))
            {
                errors.Add($"{prefix}Thresholds:{quantity} needs Low, High or both.");
            }
            else if (threshold.Low is { } low && threshold.High is { } high && low >= high)
            {
                errors.Add($"{prefix}Thresholds:{quantity}:Low must be below High.");
            }
        }
    }

    private static string? ExpectedBus(string kind) => kind switch
    {
        SensorKinds.Bme280 or SensorKinds.Scd4x or SensorKinds.SoilMoisture => SensorBus.I2c,
        SensorKinds.Sds011 or SensorKinds.Pms5003 or SensorKinds.WaterLevel => SensorBus.Serial,
        SensorKinds.Footfall => SensorBus.Gpio,
        _ => null,
    };
}
