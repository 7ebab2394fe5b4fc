namespace SmartSensors.Edge.Configuration;

/// <summary>
/// Installation point of the gateway (section <c>SmartSensors:Gateway:Location</c>), WGS84 degrees. Checked by
/// <see cref="GatewayOptionsValidator"/> (latitude -90..90, longitude -180..180, description at most 200 characters).
/// </summary>
internal sealed class LocationOptions
{
    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>Free text for people, e.g. "Queens Square, bed 14 (north side)". Not sent on the wire.</summary>
    public string? Description { get; set; }
}
