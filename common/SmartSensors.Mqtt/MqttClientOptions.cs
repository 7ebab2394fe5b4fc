using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Mqtt;

/// <summary>Options of one MQTT client connection (configuration section <c>Mqtt</c>).</summary>
public sealed class MqttClientOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Client identifier (1..23 characters [0-9a-zA-Z] is what every broker must accept; empty asks a v5 broker to assign one).</summary>
    public string ClientId { get; set; } = "";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    public MqttTlsOptions Tls { get; set; } = new();

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Clean Start (v5) / Clean Session (3.1.1): discard any session the broker holds for this client id.</summary>
    public bool CleanStart { get; set; } = true;

    /// <summary>v5 Session Expiry Interval in seconds after the connection closes (0: ends with the connection; 4294967295: never).
    /// On 3.1.1 a session persists when <see cref="CleanStart"/> is false.</summary>
    [Range(0, uint.MaxValue)]
    public uint SessionExpirySeconds { get; set; }

    /// <summary>Keep alive in seconds (0 disables). A v5 broker may override it with Server Keep Alive.</summary>
    [Range(0, 65535)]
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Receive Maximum advertised to the broker: unacknowledged QoS 1/2 messages it may send us at once.
    /// Also bounds the received-message channel. (3.1.1 has no such property; the bound still applies locally.)</summary>
    [Range(1, 65535)]
    public int ReceiveMaximum { get; set; } = 100;

    /// <summary>Largest packet we accept (advertised in v5 CONNECT); larger inbound packets end the connection with 0x95.
    /// 0 (or the protocol maximum 268435460) means "no limit of our own": nothing is advertised and the protocol's limit applies.</summary>
    [Range(0, 268435460)]
    public int MaximumPacketSize { get; set; } = 1024 * 1024;

    /// <summary>The inbound limit in force (<see cref="MaximumPacketSize"/>, or the protocol maximum when it is 0).</summary>
    internal int EffectiveMaximumPacketSize => MaximumPacketSize == 0 ? Packets.MqttPacketDecoder.MaxRemainingLength + 5 : MaximumPacketSize;

    /// <summary>v5 Topic Alias Maximum we accept from the broker (0: none).</summary>
    [Range(0, 65535)]
    public int TopicAliasMaximum { get; set; } = 64;

    /// <summary>Extra room in the received-message channel for QoS 0 messages (they are not flow controlled; when full they are dropped and counted).</summary>
    [Range(1, 1_000_000)]
    public int QoS0BufferCapacity { get; set; } = 1000;

    /// <summary>When true each received message is acknowledged as the consumer takes it from <see cref="IMqttClient.Messages"/>.
    /// When false the consumer must call <see cref="MqttReceivedMessage.AckAsync(CancellationToken)"/>.</summary>
    public bool AutoAcknowledge { get; set; }

    public MqttWillMessage? Will { get; set; }

    public MqttReconnectOptions Reconnect { get; set; } = new();

    public MqttDisconnectedPublishPolicy DisconnectedPublishPolicy { get; set; } = MqttDisconnectedPublishPolicy.Wait;

    /// <summary>Bound for <see cref="MqttDisconnectedPublishPolicy.Wait"/>.</summary>
    public TimeSpan DisconnectedPublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for TCP/TLS connect plus CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Packet identifiers 1..N reserved for QoS 2 flows whose state the caller keeps durably
    /// (<see cref="IMqttClient.PublishUntilReceivedAsync"/>); the client numbers its own packets above them. 0: none.</summary>
    [Range(0, 32768)]
    public int CallerPacketIdentifiers { get; set; }

    /// <summary>v5 User Properties sent in CONNECT.</summary>
    public IList<MqttUserProperty> ConnectUserProperties { get; } = [];

    /// <summary>Validates these options; throws <see cref="ValidationException"/> whose message names the setting.</summary>
    public void Validate()
    {
        static void Check(bool ok, string setting, string rule)
        {
            if (!ok)
            {
                throw new ValidationException($"{SectionName}:{setting} {rule}");
            }
        }

        Check(ClientId.Length <= 65535, nameof(ClientId), "must be at most 65535 characters.");
        Check(!ClientId.Contains('\0', StringComparison.Ordinal), nameof(ClientId), "must not contain U+0000.");
        Check(!string.IsNullOrWhiteSpace(Host), nameof(Host), "is required.");
        Check(Port is >= 1 and <= 65535, nameof(Port), "must be between 1 and 65535.");
        Check(ProtocolVersion is MqttProtocolVersion.V311 or MqttProtocolVersion.V500, nameof(ProtocolVersion), "must be V311 or V500.");
        Check(KeepAliveSeconds is >= 0 and <= 65535, nameof(KeepAliveSeconds), "must be between 0 and 65535.");
        Check(ReceiveMaximum is >= 1 and <= 65535, nameof(ReceiveMaximum), "must be between 1 and 65535.");
        Check(MaximumPacketSize == 0 || MaximumPacketSize is >= 64 and <= 268435460, nameof(MaximumPacketSize), "must be 0 (no limit) or between 64 and 268435460.");
        Check(TopicAliasMaximum is >= 0 and <= 65535, nameof(TopicAliasMaximum), "must be between 0 and 65535.");
        Check(QoS0BufferCapacity is >= 1 and <= 1_000_000, nameof(QoS0BufferCapacity), "must be between 1 and 1000000.");
        Check(CallerPacketIdentifiers is >= 0 and <= 32768, nameof(CallerPacketIdentifiers), "must be between 0 and 32768.");
        Check(ClientId.Length > 0 || CleanStart, nameof(ClientId), "is required when CleanStart is false (a persistent session needs a stable client id).");
        Check(DisconnectedPublishTimeout >= TimeSpan.Zero && DisconnectedPublishTimeout <= TimeSpan.FromDays(1), nameof(DisconnectedPublishTimeout), "must be between 0 and 1 day.");
        Check(ConnectTimeout >= TimeSpan.FromSeconds(1) && ConnectTimeout <= TimeSpan.FromMinutes(10), nameof(ConnectTimeout), "must be between 1 second and 10 minutes.");
        Check(Password is null || Username is not null || ProtocolVersion == MqttProtocolVersion.V500, nameof(Password), "needs Username on MQTT 3.1.1.");
        Check(Reconnect is not null, nameof(Reconnect), "is required.");
        Check(Reconnect!.MinDelay >= TimeSpan.Zero && Reconnect.MinDelay <= TimeSpan.FromHours(1), "Reconnect:MinDelay", "must be between 0 and 1 hour.");
        Check(Reconnect.MaxDelay >= Reconnect.MinDelay && Reconnect.MaxDelay <= TimeSpan.FromDays(1), "Reconnect:MaxDelay", "must be between MinDelay and 1 day.");
        Check(Reconnect.JitterFraction is >= 0.0 and <= 1.0, "Reconnect:JitterFraction", "must be between 0 and 1.");
        Check(Tls is not null, nameof(Tls), "is required.");
        Check((Tls!.ClientCertificateFile is null) == (Tls.ClientKeyFile is null), "Tls:ClientKeyFile", "and Tls:ClientCertificateFile must be set together.");
        if (Tls.Enabled)
        {
            Check(Tls.CaFile is null || File.Exists(Tls.CaFile), "Tls:CaFile", $"'{Tls.CaFile}' does not exist.");
            Check(Tls.ClientCertificateFile is null || File.Exists(Tls.ClientCertificateFile), "Tls:ClientCertificateFile", $"'{Tls.ClientCertificateFile}' does not exist.");
            Check(Tls.ClientKeyFile is null || File.Exists(Tls.ClientKeyFile), "Tls:ClientKeyFile", $"'{Tls.ClientKeyFile}' does not exist.");
        }

        if (Will is not null)
        {
            Check(!string.IsNullOrEmpty(Will.Topic) && !Will.Topic.AsSpan().ContainsAny('+', '#'), "Will:Topic", "must be a topic name without wildcards.");
            Check(Will.QualityOfService is >= MqttQualityOfService.AtMostOnce and <= MqttQualityOfService.ExactlyOnce, "Will:QualityOfService", "must be 0, 1 or 2.");
        }
    }
}
