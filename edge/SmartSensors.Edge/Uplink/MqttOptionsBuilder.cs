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

            // Nothing is kept in a broker session for a publisher: unacknowledged packs are re-sent from the outbox.
            CleanStart = true,
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
