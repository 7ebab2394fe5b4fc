namespace SmartSensors.Contracts;

/// <summary>
/// The retained message on <c>ss/v1/{site}/{gateway}/status</c>. Online (birth) messages carry the software
/// version, start time, sensor inventory and location; the offline message (the MQTT will) carries only the ids.
/// </summary>
/// <param name="State">Online or offline.</param>
/// <param name="Site">The site id.</param>
/// <param name="Gateway">The gateway id.</param>
/// <param name="Version">The gateway software version (birth only).</param>
/// <param name="StartedAt">When the gateway process started (birth only).</param>
/// <param name="Sensors">The attached sensors (birth only).</param>
/// <param name="Location">Where the gateway is installed (birth only, optional).</param>
public sealed record GatewayStatus(
    GatewayState State,
    string Site,
    string Gateway,
    string? Version = null,
    DateTimeOffset? StartedAt = null,
    IReadOnlyList<SensorInventoryItem>? Sensors = null,
    GatewayLocation? Location = null)
{
    /// <summary>The will / clean-shutdown message for a gateway.</summary>
    public static GatewayStatus Offline(string site, string gateway) => new(GatewayState.Offline, site, gateway);
}
