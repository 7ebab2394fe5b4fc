using System.Text.Json.Serialization;

namespace SmartSensors.Contracts;

/// <summary>Whether a gateway is connected: the birth message says online, the MQTT will says offline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayState>))]
public enum GatewayState
{
    /// <summary>Retained birth message, published after every connect.</summary>
    [JsonStringEnumMemberName("online")]
    Online = 1,

    /// <summary>The MQTT will (broker publishes it when the gateway vanishes) or a clean shutdown.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline = 2,
}
