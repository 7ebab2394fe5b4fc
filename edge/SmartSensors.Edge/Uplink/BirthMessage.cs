using System.Reflection;
using SmartSensors.Contracts;
using SmartSensors.Devices;
using SmartSensors.Edge.Configuration;

namespace SmartSensors.Edge.Uplink;

/// <summary>Builds the retained birth status: software version, start time, sensor inventory, location.</summary>
internal static class BirthMessage
{
    public static string SoftwareVersion { get; } =
        typeof(BirthMessage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static GatewayStatus Build(GatewayOptions gateway, SensorListOptions sensors, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(sensors);
        var inventory = sensors.Sensors.Select(Describe).ToList();
        inventory.Add(new SensorInventoryItem(
            SensorListOptions.HealthSensorId,
            "smartsensors-edge",
            SensorKind.GatewayHealth,
            Quantities.OfKind(SensorKind.GatewayHealth).Select(q => q.Name).ToList()));
        var location = gateway.Location is { } l ? new GatewayLocation(l.Latitude, l.Longitude) : null;
        return new GatewayStatus(GatewayState.Online, gateway.Site, gateway.Id, SoftwareVersion, startedAt, inventory, location);
    }

    /// <summary>The contract kind and quantities a device kind reports.</summary>
    public static SensorInventoryItem Describe(SensorOptions sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        (SensorKind kind, QuantityDefinition[] quantities) = sensor.Kind switch
        {
            SensorKinds.Bme280 => (SensorKind.Weather, new[] { Quantities.Temperature, Quantities.Humidity, Quantities.Pressure }),
            SensorKinds.Scd4x => (SensorKind.AirQuality, new[] { Quantities.Co2, Quantities.Temperature, Quantities.Humidity }),
            SensorKinds.Sds011 => (SensorKind.AirQuality, new[] { Quantities.Pm25, Quantities.Pm10 }),
            SensorKinds.Pms5003 => (SensorKind.AirQuality, new[] { Quantities.Pm1, Quantities.Pm25, Quantities.Pm10 }),
            SensorKinds.SoilMoisture => (SensorKind.Soil, new[] { Quantities.Moisture }),
            SensorKinds.WaterLevel => (SensorKind.WaterLevel, new[] { Quantities.Level, Quantities.Distance }),
            _ => (SensorKind.Footfall, sensor.Pin2 is null ? new[] { Quantities.Count } : new[] { Quantities.Count, Quantities.In, Quantities.Out }),
        };
        return new SensorInventoryItem(sensor.Id, sensor.Kind, kind, quantities.Select(q => q.Name).ToList());
    }
}
