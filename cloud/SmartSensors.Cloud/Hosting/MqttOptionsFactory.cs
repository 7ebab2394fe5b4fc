using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Hosting;

/// <summary>Copies the shared <c>Mqtt</c> section into the options of one connection, with that connection's own
/// client id and session settings (the shared section holds broker address, TLS and credentials).</summary>
internal static class MqttOptionsFactory
{
    public static MqttClientOptions Derive(
        MqttClientOptions shared,
        string clientId,
        bool cleanStart,
        uint sessionExpirySeconds,
        int receiveMaximum,
        bool autoAcknowledge)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var options = new MqttClientOptions
        {
            ClientId = clientId,
            Host = shared.Host,
            Port = shared.Port,
            ProtocolVersion = shared.ProtocolVersion,
            Tls = shared.Tls,
            Username = shared.Username,
            Password = shared.Password,
            CleanStart = cleanStart,
            SessionExpirySeconds = sessionExpirySeconds,
            KeepAliveSeconds = shared.KeepAliveSeconds,
            ReceiveMaximum = receiveMaximum,
            MaximumPacketSize = shared.MaximumPacketSize,
            TopicAliasMaximum = shared.TopicAliasMaximum,
            QoS0BufferCapacity = shared.QoS0BufferCapacity,
            AutoAcknowledge = autoAcknowledge,
            Will = null,
            Reconnect = shared.Reconnect,
            DisconnectedPublishPolicy = shared.DisconnectedPublishPolicy,
            DisconnectedPublishTimeout = shared.DisconnectedPublishTimeout,
            ConnectTimeout = shared.ConnectTimeout,
        };
        foreach (var property in shared.ConnectUserProperties)
        {
            options.ConnectUserProperties.Add(property);
        }

        return options;
    }

    /// <summary><paramref name="clientId"/> followed by <c>-{suffix}</c>, cut to 64 characters.</summary>
    public static string WithSuffix(string clientId, string suffix)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(suffix);
        var head = clientId.Length + 1 + suffix.Length > 64 ? clientId[..Math.Max(0, 63 - suffix.Length)] : clientId;
        return $"{head}-{suffix}";
    }

    /// <summary>A client id that is stable for this machine and process role, e.g. <c>ss-ingest-host1</c>.</summary>
    public static string DefaultClientId(string role)
    {
        var host = new string([.. Environment.MachineName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var id = $"ss-{role}-{host}";
        return id.Length > 64 ? id[..64] : id;
    }
}
