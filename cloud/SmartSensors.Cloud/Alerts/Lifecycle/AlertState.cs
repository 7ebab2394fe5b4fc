namespace SmartSensors.Cloud.Alerts.Lifecycle;

/// <summary>Where an alert is in its lifecycle: raised → acknowledged → resolved.</summary>
internal enum AlertState
{
    /// <summary>Open and not yet acknowledged: re-notified while it stays so.</summary>
    Raised = 1,

    /// <summary>Open; someone has taken it on, so it is not re-notified.</summary>
    Acknowledged = 2,

    /// <summary>Closed: the condition cleared, or someone resolved it by hand.</summary>
    Resolved = 3,
}
