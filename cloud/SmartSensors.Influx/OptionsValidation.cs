using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SmartSensors.Influx;

/// <summary>Validates an options object with its DataAnnotations, throwing one exception listing every problem.</summary>
internal static class OptionsValidation
{
    public static void ThrowIfInvalid<T>(T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(
                typeof(T).Name,
                typeof(T),
                results.Select(r => r.ErrorMessage ?? "invalid setting").ToArray());
        }
    }
}
