namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// The rule engine's state, saved to the alert store every <c>Alerts:SnapshotInterval</c> and at shutdown, so a
/// restart keeps breaches that are waiting out their sustain time, DAQI running means and last-heard times.
/// </summary>
internal sealed record EngineSnapshot(int Version, DateTimeOffset SavedAt, IReadOnlyList<SensorSnapshot> Sensors, IReadOnlyList<GatewaySnapshot> Gateways)
{
    /// <summary>The snapshot format version; a snapshot of another version is ignored.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The broker's dropped-messages counter last seen (null: none seen yet).</summary>
    public long? BrokerDropped { get; init; }

    /// <summary>When the broker's dropped-messages counter last rose.</summary>
    public DateTimeOffset? BrokerLastDropAt { get; init; }
}
