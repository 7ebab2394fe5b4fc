using System.Diagnostics.CodeAnalysis;

namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>Wire and configuration names of the alert enums (kebab-case, stable).</summary>
internal static class AlertNames
{
    public static string Of(AlertCategory category) => category switch
    {
        AlertCategory.Watering => "watering",
        AlertCategory.AirQuality => "air-quality",
        AlertCategory.Flood => "flood",
        AlertCategory.DeviceHealth => "device-health",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "not an alert category"),
    };

    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Minor => "minor",
        AlertSeverity.Moderate => "moderate",
        AlertSeverity.Severe => "severe",
        AlertSeverity.Extreme => "extreme",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "not an alert severity"),
    };

    public static string Of(AlertState state) => state switch
    {
        AlertState.Raised => "raised",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not an alert state"),
    };

    public static string Of(AlertEventKind kind) => kind switch
    {
        AlertEventKind.Raised => "raised",
        AlertEventKind.Updated => "updated",
        AlertEventKind.Acknowledged => "acknowledged",
        AlertEventKind.Resolved => "resolved",
        AlertEventKind.Renotified => "renotified",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an alert event"),
    };

    public static bool TryParseCategory(string? text, [NotNullWhen(true)] out AlertCategory? category)
    {
        category = text switch
        {
            "watering" => AlertCategory.Watering,
            "air-quality" => AlertCategory.AirQuality,
            "flood" => AlertCategory.Flood,
            "device-health" => AlertCategory.DeviceHealth,
            _ => null,
        };
        return category is not null;
    }

    public static bool TryParseSeverity(string? text, [NotNullWhen(true)] out AlertSeverity? severity)
    {
        severity = text switch
        {
            "minor" => AlertSeverity.Minor,
            "moderate" => AlertSeverity.Moderate,
            "severe" => AlertSeverity.Severe,
            "extreme" => AlertSeverity.Extreme,
            _ => null,
        };
        return severity is not null;
    }
}
