using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;
using SmartSensors.Mqtt;

namespace SmartSensors.Edge.Uplink;

/// <summary>Turns the gateway's configuration into MQTT client options: TLS, per-gateway credentials, the offline will.</summary>
internal static class MqttOptionsBuilder
{
    public const string SenmlContentType = "application/senml+json";
    public const string StatusContentType = "application/json";

    public static MqttClientOptions Build(GatewayOptions gateway, BrokerOptions broker)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(broker);
        var tls = broker.Tls ?? new BrokerTlsOptions();
        return new MqttClientOptions
        {
            ClientId = string.IsNullOrEmpty(broker.ClientId) ? gateway.Id : broker.ClientId,
            Host = broker.Host,
            Port = broker.Port,
            ProtocolVersion = MqttProtocolVersion.V500,
            Tls = new MqttTlsOptions
            {
                Enabled = tls.Enabled,
                CaFile = tls.CaFile,
                ClientCertificateFile = tls.CertificateFile,
                ClientKeyFile = tls.KeyFile,
                ServerName = tls.ServerName,
            },
            Username = string.IsNullOrEmpty(broker.Username) ? null : broker.Username,
            Password = ReadPassword(broker),

            // QoS 1: nothing is kept in a broker session for a publisher, unacknowledged packs are re-sent from the outbox.
            // QoS 2: the broker's session holds the packet identifiers of packs past PUBLISH, which is what lets it
            // recognise a pack re-sent after a crash; the outbox holds our side of the same flows.
            CleanStart = broker.Delivery != DeliveryMode.ExactlyOnce,
            SessionExpirySeconds = broker.Delivery == DeliveryMode.ExactlyOnce ? (uint)broker.SessionExpiry.TotalSeconds : 0,
            CallerPacketIdentifiers = broker.Delivery == DeliveryMode.ExactlyOnce ? CallerPacketIdentifiers(broker) : 0,
            KeepAliveSeconds = broker.KeepAliveSeconds,
            Will = new MqttWillMessage
            {
                Topic = Topics.Status(gateway.Site, gateway.Id),
                Payload = GatewayStatusCodec.Encode(GatewayStatus.Offline(gateway.Site, gateway.Id)),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = true,
                ContentType = StatusContentType,
                PayloadIsUtf8 = true,
            },
            Reconnect = new MqttReconnectOptions
            {
                Enabled = true,
                MinDelay = broker.ReconnectMinDelay,
                MaxDelay = broker.ReconnectMaxDelay,
            },
            DisconnectedPublishPolicy = MqttDisconnectedPublishPolicy.FailFast,
        };
    }

    /// <summary>Packet identifiers the uplink numbers its QoS 2 packs with: room for every pack in flight, twice.</summary>
    public static int CallerPacketIdentifiers(BrokerOptions broker) => 2 * broker.MaxPacksInFlight;

    private static string? ReadPassword(BrokerOptions broker)
    {
        if (!string.IsNullOrEmpty(broker.PasswordFile))
        {
            using var reader = new StreamReader(broker.PasswordFile);
            return reader.ReadLine()?.TrimEnd('\r');
        }

        return string.IsNullOrEmpty(broker.Password) ? null : broker.Password;
    }
}
