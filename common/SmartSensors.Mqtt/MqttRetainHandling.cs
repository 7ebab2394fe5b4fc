namespace SmartSensors.Mqtt;

/// <summary>MQTT 5.0 subscription option: when the broker sends retained messages for a new subscription.</summary>
public enum MqttRetainHandling
{
    /// <summary>Send retained messages at the time of the subscribe.</summary>
    SendAtSubscribe = 0,

    /// <summary>Send retained messages only if the subscription did not already exist.</summary>
    SendAtSubscribeIfNew = 1,

    /// <summary>Never send retained messages for this subscription.</summary>
    DoNotSend = 2,
}
