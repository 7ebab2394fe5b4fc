using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.DeadLetters;

/// <summary>The dead-letter store for refused packs (configuration section <c>DeadLetters</c>).</summary>
internal sealed class DeadLetterOptions
{
    public const string SectionName = "DeadLetters";

    /// <summary>SQLite database file (created with its directory when missing).</summary>
    [Required(ErrorMessage = "DeadLetters:Path is required (a SQLite file, e.g. data/dead-letters.db).")]
    [MinLength(1, ErrorMessage = "DeadLetters:Path is required (a SQLite file, e.g. data/dead-letters.db).")]
    public string Path { get; set; } = "data/dead-letters.db";

    /// <summary>Most dead letters kept; the oldest are evicted beyond it.</summary>
    [Range(1, 100_000_000, ErrorMessage = "DeadLetters:MaxCount must be between 1 and 100,000,000.")]
    public int MaxCount { get; set; } = 100_000;

    /// <summary>Dead letters older than this are evicted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "DeadLetters:MaxAge must be between 1 minute and 3650 days.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Payload bytes kept per dead letter (the rest is cut; the original size is recorded).</summary>
    [Range(0, 16 * 1024 * 1024, ErrorMessage = "DeadLetters:MaxPayloadBytes must be between 0 and 16 MiB.")]
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>Dead letters waiting to be stored; when full the ingest pipeline waits (it never drops them).</summary>
    [Range(1, 1_000_000, ErrorMessage = "DeadLetters:QueueCapacity must be between 1 and 1,000,000.")]
    public int QueueCapacity { get; set; } = 1_000;
}
