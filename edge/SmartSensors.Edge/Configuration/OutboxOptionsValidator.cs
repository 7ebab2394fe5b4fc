using Microsoft.Extensions.Options;

namespace SmartSensors.Edge.Configuration;

/// <summary>Checks <see cref="OutboxOptions"/> beyond DataAnnotations; messages name the setting.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxAge < TimeSpan.FromMinutes(1) || options.MaxAge > TimeSpan.FromDays(3650))
        {
            errors.Add($"SmartSensors:Outbox:MaxAge must be between 1 min and 3650 days (got {options.MaxAge}).");
        }

        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Path));
            if (directory is null || !Directory.Exists(directory))
            {
                errors.Add($"SmartSensors:Outbox:Path must be in an existing directory (got '{options.Path}').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
