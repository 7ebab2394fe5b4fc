using System.Text.Json.Serialization;

namespace SmartSensors.Contracts;

/// <summary>Where a gateway is installed, WGS84 degrees.</summary>
public sealed record GatewayLocation(
    [property: JsonPropertyName("lat")] double Latitude,
    [property: JsonPropertyName("lon")] double Longitude);
