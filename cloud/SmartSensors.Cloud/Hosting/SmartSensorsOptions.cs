namespace SmartSensors.Cloud.Hosting;

/// <summary>Process-wide settings (configuration section <c>SmartSensors</c>).</summary>
internal sealed class SmartSensorsOptions
{
    public const string SectionName = "SmartSensors";

    /// <summary>The roles this process plays (<c>ingest</c>, <c>alerts</c>, <c>api</c>): a list, or one
    /// comma-separated string; all when absent. Read with <see cref="CloudRoles"/>, validated by
    /// <see cref="SmartSensorsOptionsValidator"/>.</summary>
    public IList<string> Roles { get; } = [];
}
