namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>The beds of one site that need water, driest first.</summary>
internal sealed record RoundSite(string Site, IReadOnlyList<RoundBed> Beds);
