namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>One gateway as the registry knows it.</summary>
/// <param name="State"><c>online</c> or <c>offline</c>.</param>
internal sealed record GatewayView(
    string Site,
    string Gateway,
    string State,
    string? Version,
    DateTimeOffset? LastSeen,
    DateTimeOffset? StartedAt,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<SensorView> Sensors);
