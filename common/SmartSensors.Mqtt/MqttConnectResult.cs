namespace SmartSensors.Mqtt;

/// <summary>What the broker said in a successful CONNACK.</summary>
public sealed class MqttConnectResult
{
    internal MqttConnectResult() { }

    /// <summary>The broker resumed an existing session (queued messages and subscriptions survive).</summary>
    public bool SessionPresent { get; init; }

    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>v5 Assigned Client Identifier when we connected with an empty client id.</summary>
    public string? AssignedClientId { get; init; }

    /// <summary>Keep alive in force (Server Keep Alive when the broker sent one).</summary>
    public int KeepAliveSeconds { get; init; }

    /// <summary>The broker's Receive Maximum: our send quota of unacknowledged QoS 1/2 publishes.</summary>
    public int ServerReceiveMaximum { get; init; } = 65535;

    /// <summary>The broker's Maximum Packet Size (null: no limit beyond the protocol's).</summary>
    public uint? ServerMaximumPacketSize { get; init; }

    public MqttQualityOfService MaximumQualityOfService { get; init; } = MqttQualityOfService.ExactlyOnce;

    public bool RetainAvailable { get; init; } = true;

    public bool WildcardSubscriptionAvailable { get; init; } = true;

    public bool SharedSubscriptionAvailable { get; init; } = true;

    public bool SubscriptionIdentifiersAvailable { get; init; } = true;

    public uint? SessionExpiryInterval { get; init; }

    public string? ReasonString { get; init; }
}
