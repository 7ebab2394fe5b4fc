using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Ingest;

/// <summary>The ingest role (configuration section <c>Ingest</c>). Broker address, TLS and credentials come from
/// the shared <c>Mqtt</c> section; InfluxDB from <c>Influx</c> and batching from <c>Influx:Writer</c>.</summary>
internal sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Shared-subscription group: replicas in the same group share <c>$share/{group}/ss/v1/+/+/readings</c>.</summary>
    [Required(ErrorMessage = "Ingest:SharedGroup is required.")]
    [RegularExpression("^[0-9A-Za-z_-]{1,64}$", ErrorMessage = "Ingest:SharedGroup must be 1-64 characters [0-9A-Za-z_-] (no '/', '+' or '#').")]
    public string SharedGroup { get; set; } = "ingest";

    /// <summary>MQTT client id of this replica. It must be stable across restarts (the broker keeps the session and
    /// the unacknowledged packs under it) and unique per replica. Defaults to <c>ss-ingest-{machine name}</c>.</summary>
    [RegularExpression("^[0-9A-Za-z_-]{0,64}$", ErrorMessage = "Ingest:ClientId must be 0-64 characters [0-9A-Za-z_-].")]
    public string ClientId { get; set; } = "";

    /// <summary>How long the broker keeps this replica's session (subscription and queued packs) while it is away.</summary>
    [Range(60, 4_294_967_295L, ErrorMessage = "Ingest:SessionExpirySeconds must be between 60 and 4294967295.")]
    public long SessionExpirySeconds { get; set; } = 24 * 60 * 60;

    /// <summary>Unacknowledged packs the broker may send at once (MQTT 5 Receive Maximum); bounds what is in flight.
    /// Worst-case memory is about ReceiveMaximum × MaximumPacketSize; keep it above the packs in about three batches
    /// (Influx:Writer:BatchPoints lines each) or batches wait for Influx:Writer:FlushInterval.</summary>
    [Range(1, 65535, ErrorMessage = "Ingest:ReceiveMaximum must be between 1 and 65535.")]
    public int ReceiveMaximum { get; set; } = 8192;

    /// <summary>Packs decoded and validated in parallel (CPU-bound work; one per core is plenty).</summary>
    [Range(1, 64, ErrorMessage = "Ingest:DecodeWorkers must be between 1 and 64.")]
    public int DecodeWorkers { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Largest MQTT packet accepted (advertised to the broker, which drops larger messages for us).
    /// Keep it above PackDecoder:MaxPayloadBytes so oversized packs arrive and are dead-lettered as too_large.</summary>
    [Range(1024, 268_435_455, ErrorMessage = "Ingest:MaximumPacketSize must be between 1024 and 268435455 bytes.")]
    public int MaximumPacketSize { get; set; } = 320 * 1024;
}
