using SmartSensors.Contracts;

namespace SmartSensors.Cloud.OpenData;

/// <summary>The datasets under <c>/open/v1</c> and their columns. Units and quantity descriptions come from the
/// <see cref="Quantities"/> catalogue; µg/m³ is SenML's <c>ug/m3</c>.</summary>
internal static class OpenDatasets
{
    private static readonly DatasetField StationField = new("station", null, "Public station id (see /open/v1/stations).");
    private static readonly DatasetField StationNameField = new("station_name", null, "Public station name.");
    private static readonly DatasetField StartField = new("start", null, "Start of the window, ISO 8601 UTC (inclusive).");
    private static readonly DatasetField EndField = new("end", null, "End of the window, ISO 8601 UTC (exclusive).");

    public static OpenDataset AirQuality { get; } = new(
        "air-quality",
        StationKinds.AirQuality,
        "Air quality: hourly pollutant means and the Daily Air Quality Index",
        "Hourly mean concentrations of particulate matter (PM2.5, PM10), nitrogen dioxide, ozone and sulphur dioxide measured by the council's low-cost sensors, with the UK Daily Air Quality Index (DEFRA) at the end of each hour. Low-cost sensors are indicative, not reference-grade monitors.",
        "hourly",
        "PT1H",
        [
            StationField, StationNameField, StartField, EndField,
            Pollutant(Quantities.Pm25), Pollutant(Quantities.Pm10), Pollutant(Quantities.No2), Pollutant(Quantities.O3), Pollutant(Quantities.So2),
            new("daqi", null, "UK Daily Air Quality Index 1-10 at the end of the hour: the highest sub-index of NO2 (hourly mean), O3 (running 8-hour mean), PM2.5 and PM10 (running 24-hour means, at least 75 % data capture) and SO2 (highest 15-minute mean); empty when there is not enough data."),
            new("daqi_band", null, "DAQI band: Low (1-3), Moderate (4-6), High (7-9), Very High (10)."),
            new("daqi_pollutant", null, "The pollutant that sets the index."),
        ]);

    public static OpenDataset RiverLevels { get; } = new(
        "river-levels",
        StationKinds.RiverLevel,
        "River levels",
        "River levels measured by the council's ultrasonic level sensors, in metres above each station's datum, aggregated over windows (default 15 minutes), with the station's flood alert, flood warning and severe flood warning levels.",
        "every 15 minutes",
        "PT15M",
        [
            StationField, StationNameField, StartField, EndField,
            new("level", "m", "Mean water level above the station datum in the window."),
            new("level_min", "m", "Lowest level in the window."),
            new("level_max", "m", "Highest level in the window."),
            new("readings", null, "Number of level readings in the window."),
            new("alert_level", "m", "Flood Alert level of the station (flooding is possible, be prepared)."),
            new("warning_level", "m", "Flood Warning level of the station (flooding is expected, immediate action required)."),
            new("severe_level", "m", "Severe Flood Warning level of the station (danger to life)."),
            new("status", null, "The highest level reached in the window: normal, alert, warning or severe (empty when the station has no thresholds)."),
        ]);

    public static OpenDataset Footfall { get; } = new(
        "footfall",
        StationKinds.Footfall,
        "Footfall counts",
        "People counted by beam-break or PIR counters, published only as totals over windows of at least 15 minutes. The counters identify no one: no images, device addresses or individual times are collected.",
        "every 15 minutes",
        "PT15M",
        [
            StationField, StationNameField, StartField, EndField,
            new("count", "count", "People counted in the window."),
            new("in", "count", "People counted going in (two-beam counters)."),
            new("out", "count", "People counted going out (two-beam counters)."),
        ]);

    public static IReadOnlyList<OpenDataset> All { get; } = [AirQuality, RiverLevels, Footfall];

    private static DatasetField Pollutant(QuantityDefinition quantity) =>
        new(quantity.Name, "µg/m³", $"{quantity.Description}, hourly mean.");
}
