namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>A sensor: site, gateway and sensor id (sensor empty for the gateway itself).</summary>
internal readonly record struct SensorKey(string Site, string Gateway, string Sensor)
{
    public override string ToString() => $"{Site}/{Gateway}/{Sensor}";
}
