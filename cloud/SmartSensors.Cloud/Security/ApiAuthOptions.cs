using SmartSensors.Cloud.Security.ApiKeys;
using SmartSensors.Cloud.Security.Jwt;

namespace SmartSensors.Cloud.Security;

/// <summary>Who may call the staff API (configuration section <c>Api:Auth</c>). Validated on start by
/// <see cref="ApiAuthOptionsValidator"/>. With nothing configured nobody is let in.</summary>
internal sealed class ApiAuthOptions
{
    public const string SectionName = "Api:Auth";

    /// <summary>JWT bearer tokens from the council's identity provider.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>API keys for machines (only their SHA-256 hashes).</summary>
    public IList<ApiKeyOptions> ApiKeys { get; } = [];
}
