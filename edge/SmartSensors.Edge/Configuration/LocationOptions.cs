using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Edge.Configuration;

/// <summary>Installation point of the gateway (section <c>SmartSensors:Gateway:Location</c>), WGS84 degrees.</summary>
internal sealed class LocationOptions
{
    [Range(-90.0, 90.0, ErrorMessage = "SmartSensors:Gateway:Location:Latitude must be between -90 and 90 degrees.")]
    public double Latitude { get; set; }

    [Range(-180.0, 180.0, ErrorMessage = "SmartSensors:Gateway:Location:Longitude must be between -180 and 180 degrees.")]
    public double Longitude { get; set; }

    /// <summary>Free text for people, e.g. "Queens Square, bed 14 (north side)". Not sent on the wire.</summary>
    [MaxLength(200, ErrorMessage = "SmartSensors:Gateway:Location:Description must be at most 200 characters.")]
    public string? Description { get; set; }
}
