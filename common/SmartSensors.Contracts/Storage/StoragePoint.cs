namespace SmartSensors.Contracts;

/// <summary>
/// One time-series point, independent of any database's wire format: measurement, the three tags
/// (<c>site</c>, <c>gateway</c>, <c>sensor</c>), fields and the capture timestamp. SmartSensors.Influx turns it
/// into line protocol.
/// </summary>
public sealed record StoragePoint(
    string Measurement,
    string Site,
    string Gateway,
    string Sensor,
    DateTimeOffset Timestamp,
    IReadOnlyList<StorageField> Fields)
{
    /// <summary>The tags as name/value pairs, in key order (site, gateway, sensor is already sorted).</summary>
    public IEnumerable<KeyValuePair<string, string>> Tags
    {
        get
        {
            yield return KeyValuePair.Create(StorageMapping.GatewayTag, Gateway);
            yield return KeyValuePair.Create(StorageMapping.SensorTag, Sensor);
            yield return KeyValuePair.Create(StorageMapping.SiteTag, Site);
        }
    }
}
