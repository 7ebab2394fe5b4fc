using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Hosting;

/// <summary>Refuses unknown roles in <c>SmartSensors:Roles</c> (in either the list or the comma-separated form).</summary>
internal sealed class SmartSensorsOptionsValidator : IValidateOptions<SmartSensorsOptions>
{
    private readonly IConfiguration _configuration;

    public SmartSensorsOptionsValidator(IConfiguration configuration) => _configuration = configuration;

    public ValidateOptionsResult Validate(string? name, SmartSensorsOptions options)
    {
        var unknown = CloudRoles.Configured(_configuration)
            .Where(role => !CloudRoles.Known.Contains(role, StringComparer.OrdinalIgnoreCase))
            .ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"SmartSensors:Roles contains unknown role(s) {string.Join(", ", unknown.Select(r => $"'{r}'"))}; the roles are {string.Join(", ", CloudRoles.Known)}.");
    }
}
