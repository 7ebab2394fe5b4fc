using Microsoft.Extensions.Configuration;

namespace SmartSensors.Cloud.Hosting;

/// <summary>
/// The roles one cloud process can play, switched on by <c>SmartSensors:Roles</c> (a list, or a comma-separated
/// string such as <c>ingest,api</c>). All roles are on when the setting is absent.
/// </summary>
internal static class CloudRoles
{
    public const string Ingest = "ingest";
    public const string Alerts = "alerts";
    public const string Api = "api";

    public static IReadOnlyList<string> Known { get; } = [Ingest, Alerts, Api];

    /// <summary>Whether <paramref name="role"/> is switched on in <paramref name="configuration"/>.</summary>
    public static bool IsEnabled(IConfiguration configuration, string role) =>
        Configured(configuration).Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured roles (every known role when none are configured).</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SmartSensorsOptions.SectionName).GetSection(nameof(SmartSensorsOptions.Roles));
        var roles = new List<string>();
        if (section.Value is { } single)
        {
            roles.AddRange(single.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        foreach (var child in section.GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                roles.Add(child.Value.Trim());
            }
        }

        return roles.Count == 0 ? Known : roles;
    }
}
