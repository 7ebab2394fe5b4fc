using Microsoft.Extensions.Options;

namespace SmartSensors.Edge.Configuration;

/// <summary>Checks <see cref="OutboxOptions"/> beyond DataAnnotations; messages name the setting.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxBytes is < 64L * 1024 or > 64L * 1024 * 1024 * 1024)
        {
            errors.Add("SmartSensors:Outbox:MaxBytes must be between 64 KiB and 64 GiB.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add("SmartSensors:Outbox:BatchSize must be between 1 and 10000.");
        }

        if (options.QueueCapacity is < 16 or > 100_000)
        {
            errors.Add("SmartSensors:Outbox:QueueCapacity must be between 16 and 100000.");
        }

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
