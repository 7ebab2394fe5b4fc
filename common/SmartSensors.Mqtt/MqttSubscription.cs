namespace SmartSensors.Mqtt;

/// <summary>One topic filter with its MQTT 5.0 subscription options (options other than QoS are ignored on 3.1.1).</summary>
public sealed class MqttSubscription
{
    /// <summary>Topic filter; may contain + and #, or be a shared subscription <c>$share/{group}/{filter}</c>.</summary>
    public required string TopicFilter { get; init; }

    public MqttQualityOfService MaximumQualityOfService { get; init; } = MqttQualityOfService.AtLeastOnce;

    /// <summary>Do not receive our own publications on this subscription (not allowed on a shared subscription).</summary>
    public bool NoLocal { get; init; }

    /// <summary>Keep the retain flag of forwarded messages as published.</summary>
    public bool RetainAsPublished { get; init; }

    public MqttRetainHandling RetainHandling { get; init; } = MqttRetainHandling.SendAtSubscribe;

    /// <summary>Keep this subscription in the client and subscribe again after every reconnect — also when the broker
    /// kept the session, because mosquitto 2.0 restores a persisted session without its shared subscriptions.</summary>
    public bool ResubscribeOnReconnect { get; init; } = true;
}
