namespace SmartSensors.Cloud.OpenData;

/// <summary>A station as published: public id and name, location rounded to about 100 m, and (river levels) its
/// thresholds. The configured station (with the internal ids) stays inside the server.</summary>
internal sealed record PublishedStation(OpenDataStation Config, double? Latitude, double? Longitude, RiverThresholds? Thresholds)
{
    public string Id => Config.Id;

    public string Name => Config.Name;

    public string Kind => Config.Kind;

    /// <summary>Rounds a coordinate to 3 decimal places: 0.001° of latitude is 111 m (of longitude, less).</summary>
    public static double? Coarse(double? degrees) => degrees is { } d ? Math.Round(d, 3, MidpointRounding.AwayFromZero) : null;
}
