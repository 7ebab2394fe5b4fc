using SmartSensors.Devices;
using SmartSensors.Edge.Configuration;

namespace SmartSensors.Edge.Sampling;

/// <summary>Builds the driver for one configured sensor (real bus or simulated). May throw when the device is absent.</summary>
internal interface ISensorFactory
{
    ISensor Create(SensorOptions options);
}
