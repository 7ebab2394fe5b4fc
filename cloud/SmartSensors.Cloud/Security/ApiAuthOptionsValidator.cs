using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Security.ApiKeys;
using SmartSensors.Cloud.Security.Jwt;

namespace SmartSensors.Cloud.Security;

/// <summary>Checks <c>Api:Auth</c> on start; every message names the setting.</summary>
internal sealed class ApiAuthOptionsValidator : IValidateOptions<ApiAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var jwt = options.Jwt;
        if (jwt.SigningKeys.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(jwt.Issuer))
            {
                problems.Add("Api:Auth:Jwt:Issuer is required when signing keys are configured (the identity provider's issuer).");
            }

            if (string.IsNullOrWhiteSpace(jwt.Audience))
            {
                problems.Add("Api:Auth:Jwt:Audience is required when signing keys are configured (this API's audience).");
            }
        }

        if (string.IsNullOrWhiteSpace(jwt.RoleClaim) || jwt.RoleClaim.Length > 100)
        {
            problems.Add("Api:Auth:Jwt:RoleClaim must be a claim name of 1-100 characters (default roles).");
        }

        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > TimeSpan.FromMinutes(5))
        {
            problems.Add("Api:Auth:Jwt:ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        if (jwt.MaxTokenLength is < 256 or > 65_536)
        {
            problems.Add("Api:Auth:Jwt:MaxTokenLength must be between 256 and 65536 characters.");
        }

        for (var i = 0; i < jwt.SigningKeys.Count; i++)
        {
            using var key = JwtSigningKey.TryCreate(jwt.SigningKeys[i], i, out var error);
            if (error is not null)
            {
                problems.Add(error);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var at = $"Api:Auth:ApiKeys:{i}";
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Length > 100)
            {
                problems.Add($"{at}:Name is required (1-100 characters).");
            }
            else if (!names.Add(key.Name))
            {
                problems.Add($"{at}:Name '{key.Name}' is used by another key.");
            }

            if (!ApiKeyHasher.IsHash(key.Sha256))
            {
                problems.Add($"{at}:Sha256 must be the lower-case hex SHA-256 of the key (64 characters [0-9a-f]; `smartsensors-admin api-key create` prints it).");
            }
            else if (!hashes.Add(key.Sha256!))
            {
                problems.Add($"{at}:Sha256 is the same as another key's.");
            }

            if (key.Roles.Count == 0)
            {
                problems.Add($"{at}:Roles needs at least one of {string.Join(", ", ApiRoles.All)}.");
            }

            foreach (var role in key.Roles.Where(r => !ApiRoles.IsKnown(r)))
            {
                problems.Add($"{at}:Roles contains unknown role '{role}'; the roles are {string.Join(", ", ApiRoles.All)}.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
