using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Edge.Configuration;

/// <summary>The durable reading outbox (section <c>SmartSensors:Outbox</c>).</summary>
internal sealed class OutboxOptions
{
    public const string SectionName = "SmartSensors:Outbox";

    /// <summary>SQLite database file (its directory must exist and be writable; put it on persistent storage).</summary>
    [Required(ErrorMessage = "SmartSensors:Outbox:Path is required (e.g. /var/lib/smartsensors/outbox.db).")]
    public string Path { get; set; } = "";

    /// <summary>Most bytes of readings kept; when reached the oldest readings are evicted (and counted).</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Readings older than this (by capture time) are evicted (and counted).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most readings appended in one transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Readings waiting between the samplers and the outbox writer (samplers wait when it is full).</summary>
    public int QueueCapacity { get; set; } = 4096;
}
