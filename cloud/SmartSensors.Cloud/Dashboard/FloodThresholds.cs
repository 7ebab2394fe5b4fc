namespace SmartSensors.Cloud.Dashboard;

/// <summary>One river station's levels in metres above its datum (Environment Agency flood alert, flood warning and
/// severe flood warning).</summary>
internal sealed record FloodThresholds(string Site, string? Gateway, string? Sensor, double AlertLevel, double WarningLevel, double SevereLevel);
