using SmartSensors.Contracts;

namespace SmartSensors.Cloud.OpenData;

/// <summary>The station kinds of <c>OpenData:Stations:N:Kind</c>, each published as one dataset.</summary>
internal static class StationKinds
{
    public const string AirQuality = "air-quality";
    public const string RiverLevel = "river-level";
    public const string Footfall = "footfall";

    public static IReadOnlyList<string> All { get; } = [AirQuality, RiverLevel, Footfall];

    /// <summary>The InfluxDB measurement holding a kind's readings.</summary>
    public static string Measurement(string kind) => kind switch
    {
        AirQuality => StorageMapping.Measurement(SensorKind.AirQuality),
        RiverLevel => StorageMapping.Measurement(SensorKind.WaterLevel),
        Footfall => StorageMapping.Measurement(SensorKind.Footfall),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a station kind"),
    };
}
