using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Registry;

/// <summary>Gateway registry settings (configuration section <c>Registry</c>).</summary>
internal sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>MQTT client id of the status subscriber (a clean, non-persistent session: the retained status
    /// messages rebuild the registry on every connect). A random suffix is added when empty.</summary>
    [RegularExpression("^[0-9A-Za-z_-]{0,64}$", ErrorMessage = "Registry:ClientId must be 0-64 characters [0-9A-Za-z_-].")]
    public string ClientId { get; set; } = "";

    /// <summary>Most gateways tracked; status or readings of further gateways are not added (and are counted).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Registry:MaxGateways must be between 1 and 10,000,000.")]
    public int MaxGateways { get; set; } = 100_000;
}
