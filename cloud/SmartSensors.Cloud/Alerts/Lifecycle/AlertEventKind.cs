namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>What happened to an alert (its history, and what subscribers are told).</summary>
internal enum AlertEventKind
{
    /// <summary>The condition was met: a new alert.</summary>
    Raised = 1,

    /// <summary>The severity changed (escalated or eased) while the alert stayed open.</summary>
    Updated = 2,

    /// <summary>Someone acknowledged it.</summary>
    Acknowledged = 3,

    /// <summary>The condition cleared, or someone resolved it.</summary>
    Resolved = 4,

    /// <summary>Still open and unacknowledged after the re-notification interval: told again.</summary>
    Renotified = 5,
}
