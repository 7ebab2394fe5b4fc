using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Contracts;

/// <summary>Limits and clock tolerances the cloud applies to incoming gateway packs (config section <c>PackDecoder</c>).</summary>
public sealed class PackDecoderOptions : IValidatableObject
{
    /// <summary>Config section name.</summary>
    public const string SectionName = "PackDecoder";

    /// <summary>Largest payload accepted, bytes (default 256 KiB).</summary>
    [Range(64, 16 * 1024 * 1024, ErrorMessage = "PackDecoder:MaxPayloadBytes must be between 64 and 16 MiB.")]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Most SenML records in one pack (default 10 000).</summary>
    [Range(2, 1_000_000, ErrorMessage = "PackDecoder:MaxRecords must be between 2 and 1 000 000.")]
    public int MaxRecords { get; set; } = 10_000;

    /// <summary>Longest resolved SenML name, characters (default 256).</summary>
    [Range(32, 4096, ErrorMessage = "PackDecoder:MaxNameLength must be between 32 and 4096.")]
    public int MaxNameLength { get; set; } = 256;

    /// <summary>How far ahead of the cloud clock a capture time may be (gateway clock skew; default 5 minutes).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a capture time may be (outbox replay after a long outage; default 400 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(400);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxFutureSkew < TimeSpan.Zero || MaxFutureSkew > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("PackDecoder:MaxFutureSkew must be between 00:00:00 and 1.00:00:00.", [nameof(MaxFutureSkew)]);
        }

        if (MaxAge < TimeSpan.FromMinutes(1) || MaxAge > TimeSpan.FromDays(3650))
        {
            yield return new ValidationResult("PackDecoder:MaxAge must be between 00:01:00 and 3650.00:00:00.", [nameof(MaxAge)]);
        }
    }

    internal SenmlLimits ToLimits() => new()
    {
        MaxPayloadBytes = MaxPayloadBytes,
        MaxRecords = MaxRecords,
        MaxNameLength = MaxNameLength,
    };
}
