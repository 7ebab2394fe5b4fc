using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Registry;

/// <summary>What the cloud knows about one gateway: its last retained status and when it was last heard from.</summary>
/// <param name="Site">The site id.</param>
/// <param name="Gateway">The gateway id.</param>
/// <param name="State">Online or offline from the retained status topic; null when readings arrived but no status has been seen.</param>
/// <param name="Version">Gateway software version (from the last online status).</param>
/// <param name="StartedAt">When the gateway process started (from the last online status).</param>
/// <param name="Sensors">The sensor inventory (from the last online status).</param>
/// <param name="Location">Where the gateway is installed (from the last online status).</param>
/// <param name="StatusReceivedAt">When the cloud received the last status message.</param>
/// <param name="LastSeen">The latest of: status received, capture time of the newest reading written.</param>
public sealed record GatewayRecord(
    string Site,
    string Gateway,
    GatewayState? State,
    string? Version,
    DateTimeOffset? StartedAt,
    IReadOnlyList<SensorInventoryItem> Sensors,
    GatewayLocation? Location,
    DateTimeOffset? StatusReceivedAt,
    DateTimeOffset? LastSeen);
