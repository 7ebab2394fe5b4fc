namespace SmartSensors.Cloud.OpenData;

/// <summary>One station's hour: the hourly mean of each pollutant (µg/m³, null when it has no readings in the hour) and
/// the Daily Air Quality Index at the end of the hour (null when no pollutant has enough data).</summary>
internal sealed record AirQualityRow(
    DateTimeOffset Start,
    double? Pm25,
    double? Pm10,
    double? No2,
    double? O3,
    double? So2,
    int? DaqiIndex,
    string? DaqiBand,
    string? DaqiPollutant);
