using SmartSensors.Cloud.Alerts.Channels;

namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>An alert with its history.</summary>
internal sealed record AlertDetail(AlertMessage Alert, IReadOnlyList<AlertHistoryEntry> History);
