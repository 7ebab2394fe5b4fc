namespace SmartSensors.Cloud.OpenData;

/// <summary>Who may read the CAP feed (<c>/alerts/cap.atom</c>) and CAP messages (<c>/alerts/{id}/cap</c>).</summary>
internal enum CapFeedAccess
{
    /// <summary>Anyone, without credentials (rate limited like the open data).</summary>
    Public = 0,

    /// <summary>Staff only (the <c>staff</c> policy: any authenticated role).</summary>
    Restricted = 1,
}
