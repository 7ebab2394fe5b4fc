using SmartSensors.Cloud.Alerts.AirQuality;

namespace SmartSensors.Cloud.OpenData;

/// <summary>The sum and number of one pollutant's readings in one 15-minute bucket starting at <see cref="Start"/>.</summary>
internal readonly record struct QuarterSample(DateTimeOffset Start, Pollutant Pollutant, double Sum, long Count);
