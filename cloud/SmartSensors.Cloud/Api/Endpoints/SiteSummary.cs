namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>One site on the overview: gateways known and online, where it is, its status and open alerts.</summary>
/// <param name="Status"><c>ok</c>, <c>attention</c> (a gateway offline or an alert open) or <c>offline</c> (no gateway online).</param>
internal sealed record SiteSummary(string Site, int Gateways, int Online, double? Latitude, double? Longitude, string Status, int OpenAlerts);
