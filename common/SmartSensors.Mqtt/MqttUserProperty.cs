namespace SmartSensors.Mqtt;

/// <summary>An MQTT 5.0 user property (a name/value string pair; names may repeat).</summary>
public readonly record struct MqttUserProperty(string Name, string Value);
