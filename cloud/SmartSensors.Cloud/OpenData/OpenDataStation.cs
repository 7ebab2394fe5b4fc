namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// One published station (<c>OpenData:Stations:N</c>): the public id and name people see, mapped to the internal
/// site/gateway/sensor whose readings it publishes. Gateway and sensor ids never leave the server; a sensor with no
/// station is not published.
/// </summary>
internal sealed class OpenDataStation
{
    /// <summary>Public id, e.g. <c>river-dee-bridge</c> (lower-case letters, digits and hyphens).</summary>
    public string Id { get; set; } = "";

    /// <summary>Public name, e.g. "River Dee at Bangor Road bridge".</summary>
    public string Name { get; set; } = "";

    /// <summary>The dataset: <c>air-quality</c>, <c>river-level</c> or <c>footfall</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Internal site id (never published).</summary>
    public string Site { get; set; } = "";

    /// <summary>Internal gateway id (never published).</summary>
    public string Gateway { get; set; } = "";

    /// <summary>Internal sensor id (never published).</summary>
    public string Sensor { get; set; } = "";

    /// <summary>WGS 84 latitude; published rounded to 3 decimal places (about 100 m).</summary>
    public double? Latitude { get; set; }

    /// <summary>WGS 84 longitude; published rounded to 3 decimal places (about 100 m or less).</summary>
    public double? Longitude { get; set; }

    /// <summary>River levels: the Flood Alert level (m above datum). Defaults to the station's <c>Alerts:Flood</c> entry.</summary>
    public double? AlertLevel { get; set; }

    /// <summary>River levels: the Flood Warning level (m above datum).</summary>
    public double? WarningLevel { get; set; }

    /// <summary>River levels: the Severe Flood Warning level (m above datum).</summary>
    public double? SevereLevel { get; set; }
}
