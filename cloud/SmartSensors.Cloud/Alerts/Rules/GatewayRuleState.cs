namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>What the rule engine remembers about one gateway.</summary>
internal sealed class GatewayRuleState
{
    /// <summary>From the retained status: true online, false offline, null not seen.</summary>
    public bool? Online { get; set; }

    /// <summary>When the offline status arrived.</summary>
    public DateTimeOffset? OfflineSince { get; set; }

    /// <summary>Cloud time anything (status or readings) was last heard from it.</summary>
    public DateTimeOffset LastHeard { get; set; }

    public bool OfflineRaised { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }
}
