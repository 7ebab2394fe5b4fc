namespace SmartSensors.Testing.Mosquitto;

/// <summary>How the mosquitto fixture is configured.</summary>
public sealed class MosquittoOptions
{
    /// <summary>Keep retained messages, subscriptions and queued messages in a database in the data directory
    /// (saved every <see cref="AutosaveIntervalSeconds"/> and on clean shutdown).</summary>
    public bool Persistence { get; init; }

    /// <summary>Seconds between persistence saves (mosquitto's <c>autosave_interval</c>).</summary>
    public int AutosaveIntervalSeconds { get; init; } = 1;

    /// <summary>Allow clients without a username. When <see cref="Users"/> is set this defaults to false.</summary>
    public bool? AllowAnonymous { get; init; }

    /// <summary>Username → password; written with <c>mosquitto_passwd</c>.</summary>
    public IReadOnlyDictionary<string, string>? Users { get; init; }

    /// <summary>ACL file contents (mosquitto's <c>acl_file</c> syntax).</summary>
    public string? Acl { get; init; }

    /// <summary>An additional TLS listener.</summary>
    public MosquittoTlsOptions? Tls { get; init; }

    /// <summary>Per-client queue bound in messages. Mosquitto's default of 1000 silently drops QoS 1 messages
    /// for subscribers that fall behind, so every broker we start raises it and bounds the queue by bytes.</summary>
    public int MaxQueuedMessages { get; init; } = 1_000_000;

    /// <summary>Per-client queue bound in bytes.</summary>
    public long MaxQueuedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Extra lines appended verbatim to the configuration.</summary>
    public string? ExtraConfiguration { get; init; }
}
