namespace SmartSensors.Edge.Outbox;

/// <summary>Where a <see cref="StoredPack"/>'s QoS 2 flow stands (persisted as an integer: keep the values).</summary>
internal enum StoredPackState
{
    /// <summary>PUBLISH sent, or about to be; no PUBREC recorded. After a restart the PUBLISH is sent again with DUP.</summary>
    Sent = 0,

    /// <summary>PUBREC recorded: the PUBREL may have been sent, so the PUBLISH must never be sent again in the same session.</summary>
    Received = 1,

    /// <summary>PUBREC said "no matching subscribers": the flow is finished with PUBREL, but the readings stay to be sent again.</summary>
    ReceivedUndelivered = 2,
}
