using System.Globalization;
using Microsoft.Extensions.Options;
using SmartSensors.Devices;
using SmartSensors.Devices.Simulation;
using SmartSensors.Edge.Configuration;

namespace SmartSensors.Edge.Sampling;

/// <summary>Builds drivers through SmartSensors.Devices' <see cref="SensorFactory"/>: real buses, or the simulation for <c>Bus: simulated</c>.</summary>
internal sealed class DeviceSensorFactory : ISensorFactory
{
    private readonly SensorFactory _factory;
    private readonly List<SensorOptions> _sensors;

    public DeviceSensorFactory(TimeProvider time, IOptions<SimulationOptions> simulation, IOptions<SensorListOptions> sensors)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(sensors);
        _factory = new SensorFactory(time, simulation.Value);
        _sensors = sensors.Value.Sensors;
    }

    public ISensor Create(SensorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var index = -1;
        for (var i = 0; i < _sensors.Count; i++)
        {
            if (ReferenceEquals(_sensors[i], options))
            {
                index = i;
                break;
            }
        }

        var prefix = index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"SmartSensors:Sensors:{index}:") : $"sensor {options.Id}: ";
        return _factory.Create(options.ToDescription(), prefix);
    }
}
