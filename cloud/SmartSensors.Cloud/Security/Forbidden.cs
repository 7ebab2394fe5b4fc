using System.Security.Claims;

namespace SmartSensors.Cloud.Security;

/// <summary>The detail of a 403: who the caller is and which roles they have.</summary>
internal static class Forbidden
{
    public static string Detail(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return $"{user.Identity?.Name ?? "You"} ({(roles.Count == 0 ? "no roles" : "roles: " + string.Join(", ", roles))}) may not do this; it needs another role.";
    }
}
