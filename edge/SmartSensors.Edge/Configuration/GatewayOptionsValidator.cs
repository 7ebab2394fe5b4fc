using System.Globalization;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;

namespace SmartSensors.Edge.Configuration;

/// <summary>Checks <see cref="GatewayOptions"/> beyond DataAnnotations; messages name the setting.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.Id) && !Topics.IsValidId(options.Id))
        {
            errors.Add($"SmartSensors:Gateway:Id must be 1-64 characters of a-z, 0-9 and '-' (got '{options.Id}').");
        }

        if (!string.IsNullOrEmpty(options.Site) && !Topics.IsValidId(options.Site))
        {
            errors.Add($"SmartSensors:Gateway:Site must be 1-64 characters of a-z, 0-9 and '-' (got '{options.Site}').");
        }

        if (options.HealthInterval < TimeSpan.FromSeconds(1) || options.HealthInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"SmartSensors:Gateway:HealthInterval must be between 1 s and 1 h (got {options.HealthInterval}).");
        }

        if (options.Location is { } location)
        {
            if (!double.IsFinite(location.Latitude) || location.Latitude is < -90 or > 90)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"SmartSensors:Gateway:Location:Latitude must be between -90 and 90 degrees (got {location.Latitude})."));
            }

            if (!double.IsFinite(location.Longitude) || location.Longitude is < -180 or > 180)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"SmartSensors:Gateway:Location:Longitude must be between -180 and 180 degrees (got {location.Longitude})."));
            }

            if (location.Description is { Length: > 200 })
            {
                errors.Add("SmartSensors:Gateway:Location:Description must be at most 200 characters.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
