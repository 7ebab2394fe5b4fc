namespace SmartSensors.Influx;

/// <summary>Which InfluxDB write API to use.</summary>
public enum InfluxApiVersion
{
    /// <summary><c>/write?db=&amp;rp=</c> with user/password: InfluxDB 1.x, and 2.x/3.x through their v1 compatibility API.</summary>
    V1 = 1,

    /// <summary><c>/api/v2/write?org=&amp;bucket=</c> with <c>Authorization: Token</c>: InfluxDB 2.x and 3.x.</summary>
    V2 = 2,
}
