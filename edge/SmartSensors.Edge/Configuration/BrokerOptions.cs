using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Edge.Configuration;

/// <summary>
/// The MQTT broker and this gateway's credentials (section <c>SmartSensors:Broker</c>). The password comes from
/// <see cref="PasswordFile"/> or from the environment (<c>SmartSensors__Broker__Password</c>); it is never logged.
/// </summary>
internal sealed class BrokerOptions
{
    public const string SectionName = "SmartSensors:Broker";

    [Required(ErrorMessage = "SmartSensors:Broker:Host is required.")]
    public string Host { get; set; } = "";

    public int Port { get; set; } = 8883;

    /// <summary>MQTT client id; defaults to the gateway id.</summary>
    [StringLength(23, ErrorMessage = "SmartSensors:Broker:ClientId must be at most 23 characters.")]
    public string? ClientId { get; set; }

    /// <summary>Per-gateway user name (no shared or default accounts).</summary>
    public string? Username { get; set; }

    /// <summary>File holding the password (first line; e.g. a systemd credential). Takes precedence over <see cref="Password"/>.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>The password itself; set it only through the environment, never in a committed file.</summary>
    public string? Password { get; set; }

    public BrokerTlsOptions Tls { get; set; } = new();

    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Readings per SenML pack.</summary>
    public int ReadingsPerPack { get; set; } = 100;

    /// <summary>Packs published but not yet acknowledged (PUBACK, or PUBCOMP with QoS 2) at once.</summary>
    public int MaxPacksInFlight { get; set; } = 32;

    /// <summary>QoS 1 (<see cref="DeliveryMode.AtLeastOnce"/>, the default) or QoS 2 (<see cref="DeliveryMode.ExactlyOnce"/>).</summary>
    public DeliveryMode Delivery { get; set; } = DeliveryMode.AtLeastOnce;

    /// <summary>With <see cref="DeliveryMode.ExactlyOnce"/>: how long the broker keeps this gateway's session (its QoS 2
    /// state) while the gateway is away. A pack in flight when the gateway went away longer than this is sent again.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>With <see cref="DeliveryMode.AtLeastOnce"/>: packs the broker acknowledged within this span are sent again after
    /// every reconnect, because a broker that crashed before saving them (mosquitto saves every <c>autosave_interval</c>)
    /// has lost them. Must exceed the broker's <c>autosave_interval</c> (30 s in the shipped config); 0 turns it off.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Memory bound of <see cref="ReplayWindow"/> (payload bytes; the oldest packs are dropped first).</summary>
    public int ReplayWindowBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>First reconnect delay (doubles up to <see cref="ReconnectMaxDelay"/>).</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);
}
