namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>The watering round: beds that need water now, grouped by site (sites with the driest bed first).</summary>
internal sealed record WateringRoundMessage(DateTimeOffset At, int BedCount, IReadOnlyList<RoundSite> Sites);
