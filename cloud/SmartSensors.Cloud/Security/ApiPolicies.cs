namespace SmartSensors.Cloud.Security;

/// <summary>Names of the authorisation and rate-limiting policies every endpoint owner uses.</summary>
internal static class ApiPolicies
{
    /// <summary>Authorisation: any of the five staff roles.</summary>
    public const string Staff = "staff";

    /// <summary>Authorisation: <c>operator</c> or <c>admin</c>.</summary>
    public const string Operators = "operators";

    /// <summary>Rate limiting for anonymous endpoints, per client IP (<c>Api:RateLimit:PermitsPerMinute</c>).</summary>
    public const string PublicRateLimit = "public";

    /// <summary>Rate limiting for authenticated endpoints, per identity (<c>Api:RateLimit:ApiPermitsPerMinute</c>).</summary>
    public const string ApiRateLimit = "api";
}
