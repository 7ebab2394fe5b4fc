namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>One gateway's rule state in the engine snapshot.</summary>
internal sealed record GatewaySnapshot(
    string Site,
    string Gateway,
    bool? Online,
    DateTimeOffset? OfflineSince,
    DateTimeOffset LastHeard,
    bool OfflineRaised,
    double? Latitude,
    double? Longitude);
