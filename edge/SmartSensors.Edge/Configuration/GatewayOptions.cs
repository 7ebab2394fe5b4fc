using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Edge.Configuration;

/// <summary>Who this gateway is and where it stands (section <c>SmartSensors:Gateway</c>).</summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "SmartSensors:Gateway";

    /// <summary>Gateway id, lowercase <c>[a-z0-9-]{1,64}</c>; part of every topic and SenML name.</summary>
    [Required(ErrorMessage = "SmartSensors:Gateway:Id is required (lowercase a-z, 0-9, '-', 1-64 characters).")]
    public string Id { get; set; } = "";

    /// <summary>Site id, lowercase <c>[a-z0-9-]{1,64}</c>, e.g. <c>queens-square</c>.</summary>
    [Required(ErrorMessage = "SmartSensors:Gateway:Site is required (lowercase a-z, 0-9, '-', 1-64 characters).")]
    public string Site { get; set; } = "";

    /// <summary>Where the gateway is installed (sent in the birth message).</summary>
    public LocationOptions? Location { get; set; }

    /// <summary>How often the gateway's own health readings are taken.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromMinutes(1);
}
