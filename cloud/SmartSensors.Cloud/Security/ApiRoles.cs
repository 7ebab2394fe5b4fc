using System.Security.Claims;
using SmartSensors.Cloud.Alerts.Lifecycle;

namespace SmartSensors.Cloud.Security;

/// <summary>The staff roles, and which role owns which alert category.</summary>
internal static class ApiRoles
{
    /// <summary>Street operatives (watering).</summary>
    public const string Operative = "operative";

    /// <summary>Environment team (air quality).</summary>
    public const string Environment = "environment";

    /// <summary>Local resilience forum (flood).</summary>
    public const string Resilience = "resilience";

    /// <summary>Council IT (gateways, devices, dead letters, metrics).</summary>
    public const string Operator = "operator";

    /// <summary>Everything.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, in the order of the contract.</summary>
    public static IReadOnlyList<string> All { get; } = [Operative, Environment, Resilience, Operator, Admin];

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/> (case-sensitive).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The role that owns alerts of <paramref name="category"/> (admin may act on every category too).</summary>
    public static string OwnerOf(AlertCategory category) => category switch
    {
        AlertCategory.Watering => Operative,
        AlertCategory.AirQuality => Environment,
        AlertCategory.Flood => Resilience,
        AlertCategory.DeviceHealth => Operator,
        _ => Admin,
    };

    /// <summary>Whether <paramref name="user"/> may acknowledge or resolve alerts of <paramref name="category"/>.</summary>
    public static bool MayAct(ClaimsPrincipal user, AlertCategory category)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Admin) || user.IsInRole(OwnerOf(category));
    }
}
