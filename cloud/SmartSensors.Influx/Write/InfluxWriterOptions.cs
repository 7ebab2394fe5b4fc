using System.ComponentModel.DataAnnotations;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Influx.Write;

/// <summary>Batching, memory bounds and retry behaviour of <see cref="InfluxWriter"/> (section <c>Influx:Writer</c>).</summary>
public sealed class InfluxWriterOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Influx:Writer";

    /// <summary>Send a batch when it holds this many lines.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Influx:Writer:BatchPoints must be between 1 and 1,000,000.")]
    public int BatchPoints { get; set; } = 5_000;

    /// <summary>Send a batch when it holds this many bytes.</summary>
    [Range(1_024, 256 * 1024 * 1024, ErrorMessage = "Influx:Writer:BatchBytes must be between 1 KiB and 256 MiB.")]
    public int BatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Send a non-empty batch at the latest this long after its first item arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "Influx:Writer:FlushInterval must be between 1 ms and 10 minutes.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Items (enqueued calls) that may wait for a batch; when full, enqueuing waits (backpressure).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Influx:Writer:QueueCapacity must be between 1 and 1,000,000.")]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Largest single item accepted. Queue memory is bounded by QueueCapacity × MaxItemBytes plus 2 + 2 × MaxConcurrentRequests batches.</summary>
    [Range(64, 64 * 1024 * 1024, ErrorMessage = "Influx:Writer:MaxItemBytes must be between 64 bytes and 64 MiB.")]
    public int MaxItemBytes { get; set; } = 64 * 1024;

    /// <summary>Write requests in flight at once (batches sent concurrently, each completing on its own). 1 keeps the
    /// order of batches; more lets InfluxDB work on one batch while the next is sent. Use more than 1 only when two
    /// batches never hold different values for the same series and timestamp (then the winner would be undefined) —
    /// true for SmartSensors packs, whose redeliveries are identical.</summary>
    [Range(1, 16, ErrorMessage = "Influx:Writer:MaxConcurrentRequests must be between 1 and 16.")]
    public int MaxConcurrentRequests { get; set; } = 1;

    /// <summary>Compress request bodies with gzip (<c>Content-Encoding: gzip</c>).</summary>
    public bool Gzip { get; set; }

    /// <summary>The unit of the timestamps in the lines (sent as the <c>precision</c> parameter).</summary>
    [EnumDataType(typeof(LinePrecision), ErrorMessage = "Influx:Writer:Precision must be Nanoseconds, Microseconds, Milliseconds or Seconds.")]
    public LinePrecision Precision { get; set; } = LinePrecision.Nanoseconds;

    /// <summary>Whether the server accepts unsigned fields (<c>u</c> suffix): InfluxDB 2.x/3.x yes; 1.x release builds
    /// refuse them ("invalid number"). Used by <see cref="InfluxWriter.CreateLineWriter"/>.</summary>
    public bool UnsignedIntegers { get; set; }

    /// <summary>First retry delay after a transient failure (5xx, 429, timeout, refused connection); doubled each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Influx:Writer:InitialRetryDelay must be between 1 ms and 1 minute.")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest retry delay (exponential backoff stops growing here).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Influx:Writer:MaxRetryDelay must be between 1 ms and 1 hour.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Influx:Writer:MaxRetryAfter must be between 0 and 1 hour.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay between attempts after a configuration error (401, 403, 404 database not found, 400 that is
    /// not about a line). Such errors are logged loudly and retried slowly rather than dropping data.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Influx:Writer:ConfigurationErrorRetryDelay must be between 1 ms and 1 hour.")]
    public TimeSpan ConfigurationErrorRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request before its items are reported <see cref="WriteStatus.Failed"/>; 0 retries for ever
    /// (the default: the caller's backpressure holds the data upstream meanwhile).</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Influx:Writer:MaxAttempts must be 0 (unlimited) or more.")]
    public int MaxAttempts { get; set; }

    /// <summary>How long disposing waits for queued items to be written before reporting the rest as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Influx:Writer:ShutdownTimeout must be between 0 and 10 minutes.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
