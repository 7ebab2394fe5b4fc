using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Api;

/// <summary>Validates the nested <c>Api:Stream</c> section (its messages name the setting).</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options.Stream, new ValidationContext(options.Stream), results, validateAllProperties: true);
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "Api:Stream is invalid."));
    }
}
