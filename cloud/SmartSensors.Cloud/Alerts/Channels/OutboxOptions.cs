using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>The notification outbox (section <c>Alerts:Outbox</c>): retries with exponential backoff, then give up
/// (the notification stays in the outbox marked failed, counted and logged).</summary>
internal sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Outbox";

    [Range(1, 1000, ErrorMessage = "Alerts:Outbox:MaxAttempts must be between 1 and 1000.")]
    public int MaxAttempts { get; set; } = 12;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Alerts:Outbox:MinRetryDelay must be between 10 ms and 1 hour.")]
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Alerts:Outbox:MaxRetryDelay must be between 10 ms and 1 day.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Longest sleep between looks at the outbox when nothing wakes the dispatcher.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Alerts:Outbox:PollInterval must be between 10 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries in flight at once.</summary>
    [Range(1, 256, ErrorMessage = "Alerts:Outbox:Parallelism must be between 1 and 256.")]
    public int Parallelism { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < MinRetryDelay)
        {
            yield return new ValidationResult("Alerts:Outbox:MaxRetryDelay must not be below MinRetryDelay.", [nameof(MaxRetryDelay)]);
        }
    }
}
