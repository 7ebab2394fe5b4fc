using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Influx.Setup;

/// <summary>Database layout: raw retention, long-term hourly means and the downsampling continuous query
/// (section <c>Influx:Setup</c>).</summary>
public sealed class InfluxSetupOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Influx:Setup";

    /// <summary>The database to create.</summary>
    [Required(ErrorMessage = "Influx:Setup:Database is required.")]
    [RegularExpression(@"^[^\n\r]{1,255}$", ErrorMessage = "Influx:Setup:Database must be 1-255 characters without newlines.")]
    public string Database { get; set; } = "smartsensors";

    /// <summary>Retention policy for raw readings (made the database default).</summary>
    [Required(ErrorMessage = "Influx:Setup:RawRetentionPolicy is required.")]
    [RegularExpression(@"^[^\n\r]{1,255}$", ErrorMessage = "Influx:Setup:RawRetentionPolicy must be 1-255 characters without newlines.")]
    public string RawRetentionPolicy { get; set; } = "raw";

    /// <summary>How long raw readings are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Influx:Setup:RawRetention must be between 1 hour and 3650 days.")]
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Retention policy for the hourly means.</summary>
    [Required(ErrorMessage = "Influx:Setup:LongTermRetentionPolicy is required.")]
    [RegularExpression(@"^[^\n\r]{1,255}$", ErrorMessage = "Influx:Setup:LongTermRetentionPolicy must be 1-255 characters without newlines.")]
    public string LongTermRetentionPolicy { get; set; } = "long_term";

    /// <summary>How long hourly means are kept; zero keeps them for ever (INF).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00", ErrorMessage = "Influx:Setup:LongTermRetention must be 0 (for ever) or up to 36500 days.")]
    public TimeSpan LongTermRetention { get; set; } = TimeSpan.Zero;

    /// <summary>Name of the downsampling continuous query.</summary>
    [Required(ErrorMessage = "Influx:Setup:ContinuousQueryName is required.")]
    [RegularExpression(@"^[^\n\r]{1,255}$", ErrorMessage = "Influx:Setup:ContinuousQueryName must be 1-255 characters without newlines.")]
    public string ContinuousQueryName { get; set; } = "cq_hourly_mean";

    /// <summary>Downsampling interval (GROUP BY time).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Influx:Setup:DownsampleInterval must be between 1 second and 7 days.")]
    public TimeSpan DownsampleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RawRetention.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return new ValidationResult("Influx:Setup:RawRetention must be whole seconds.", [nameof(RawRetention)]);
        }

        if (LongTermRetention != TimeSpan.Zero && LongTermRetention < TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Influx:Setup:LongTermRetention must be 0 (for ever) or at least 1 hour.", [nameof(LongTermRetention)]);
        }

        if (LongTermRetention.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return new ValidationResult("Influx:Setup:LongTermRetention must be whole seconds.", [nameof(LongTermRetention)]);
        }

        if (DownsampleInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return new ValidationResult("Influx:Setup:DownsampleInterval must be whole seconds.", [nameof(DownsampleInterval)]);
        }

        if (string.Equals(RawRetentionPolicy, LongTermRetentionPolicy, StringComparison.Ordinal))
        {
            yield return new ValidationResult("Influx:Setup:RawRetentionPolicy and Influx:Setup:LongTermRetentionPolicy must differ.", [nameof(LongTermRetentionPolicy)]);
        }
    }
}
