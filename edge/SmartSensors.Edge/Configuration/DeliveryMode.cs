namespace SmartSensors.Edge.Configuration;

/// <summary>How packs travel to the broker (setting <c>SmartSensors:Broker:Delivery</c>).</summary>
internal enum DeliveryMode
{
    /// <summary>
    /// QoS 1 (the default). Readings leave the outbox on PUBACK. A pack whose PUBACK was in flight when the gateway died is
    /// sent again after the restart: the broker may see it twice (the cloud stores it once). A PUBACK saying "no matching
    /// subscribers" keeps the readings for later, so nothing is lost while the cloud ingest is not subscribed.
    /// </summary>
    AtLeastOnce = 1,

    /// <summary>
    /// QoS 2 in a broker session that outlives the gateway process: every pack reaches the broker's subscribers exactly
    /// once, also across a crash. The flow state is kept in the outbox. Trade-off: mosquitto answers a QoS 2 PUBLISH
    /// without saying whether anybody is subscribed, so a pack released while no ingest is subscribed (e.g. the moments
    /// after a broker restart, before the cloud subscribes again) is dropped by the broker.
    /// </summary>
    ExactlyOnce = 2,
}
