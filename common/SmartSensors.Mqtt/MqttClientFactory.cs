using Microsoft.Extensions.Logging;

namespace SmartSensors.Mqtt;

/// <summary>Creates <see cref="IMqttClient"/> instances.</summary>
public static class MqttClientFactory
{
    /// <summary>Validates <paramref name="options"/> (throws <see cref="System.ComponentModel.DataAnnotations.ValidationException"/> naming the setting)
    /// and creates a client. Nothing is sent until <see cref="IMqttClient.ConnectAsync"/>.</summary>
    public static IMqttClient Create(MqttClientOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Client.MqttClient(options, logger, Transport.MqttTransportFactory.Default);
    }
}
