namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>The alert as subscribers see it (JSON, camelCase; enum values as their wire names).</summary>
internal sealed record AlertMessage(
    string Id,
    string Rule,
    string Category,
    string Site,
    string Gateway,
    string Sensor,
    string Severity,
    int Level,
    string State,
    string Title,
    string Message,
    double? Value,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    string? AcknowledgedBy,
    string? ResolvedBy);
