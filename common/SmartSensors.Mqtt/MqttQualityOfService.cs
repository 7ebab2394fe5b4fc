namespace SmartSensors.Mqtt;

/// <summary>MQTT delivery guarantee of a message or the maximum granted for a subscription.</summary>
public enum MqttQualityOfService
{
    /// <summary>QoS 0: fire and forget.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged with PUBACK; may be redelivered.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: four-way handshake (PUBREC/PUBREL/PUBCOMP).</summary>
    ExactlyOnce = 2,
}
