namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>
/// One alert: a rule's condition on one subject (site / gateway / sensor). At most one alert per rule and subject is
/// open at a time; severity changes are new versions of the same alert.
/// </summary>
/// <param name="Id">Stable id (a GUID, "N" format).</param>
/// <param name="RuleId">The rule that raised it (see <see cref="Rules.RuleIds"/>).</param>
/// <param name="Category">What it is about.</param>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="Sensor">Sensor id; empty for gateway-wide alerts.</param>
/// <param name="Severity">Current severity.</param>
/// <param name="PeakSeverity">Highest severity it has had (routes the resolution to everyone who heard of it).</param>
/// <param name="Level">The rule's level (1 = first threshold, 2 = second, ...).</param>
/// <param name="State">Raised, acknowledged or resolved.</param>
/// <param name="Title">One-line summary.</param>
/// <param name="Message">What happened, with the numbers.</param>
/// <param name="Value">The value that decided it, when there is one.</param>
/// <param name="Latitude">Where (from the gateway's birth message), if known.</param>
/// <param name="Longitude">Where, if known.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="AcknowledgedAt">When acknowledged.</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="ResolvedAt">When resolved.</param>
/// <param name="ResolvedBy">Who resolved it ("auto" when its condition cleared).</param>
/// <param name="Version">1 when raised; +1 on every event.</param>
/// <param name="LastNotifiedAt">When subscribers were last told (raise, update or re-notification).</param>
internal sealed record Alert(
    string Id,
    string RuleId,
    AlertCategory Category,
    string Site,
    string Gateway,
    string Sensor,
    AlertSeverity Severity,
    AlertSeverity PeakSeverity,
    int Level,
    AlertState State,
    string Title,
    string Message,
    double? Value,
    double? Latitude,
    double? Longitude,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    int Version,
    DateTimeOffset LastNotifiedAt)
{
    /// <summary>The deduplication key: rule and subject.</summary>
    public string Subject => $"{Site}/{Gateway}/{Sensor}";

    /// <summary>True until resolved.</summary>
    public bool IsOpen => State != AlertState.Resolved;
}
