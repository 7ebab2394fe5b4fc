namespace SmartSensors.Mqtt.Packets;

/// <summary>One topic filter of SUBSCRIBE with its options byte decoded.</summary>
internal sealed record SubscribeEntry(
    string TopicFilter,
    MqttQualityOfService MaximumQoS,
    bool NoLocal = false,
    bool RetainAsPublished = false,
    MqttRetainHandling RetainHandling = MqttRetainHandling.SendAtSubscribe);
