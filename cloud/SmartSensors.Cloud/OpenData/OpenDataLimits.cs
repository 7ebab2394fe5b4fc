namespace SmartSensors.Cloud.OpenData;

/// <summary>What the catalogue says about rate limits: the configured <c>Api:RateLimit:PermitsPerMinute</c>, if any.</summary>
internal sealed record OpenDataLimits(int? PermitsPerMinute);
