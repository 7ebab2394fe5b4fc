namespace SmartSensors.Cloud.Alerts.AirQuality;

/// <summary>The pollutants the UK Daily Air Quality Index bands.</summary>
internal enum Pollutant
{
    /// <summary>Nitrogen dioxide, hourly mean.</summary>
    No2,

    /// <summary>Sulphur dioxide, 15-minute mean.</summary>
    So2,

    /// <summary>Ozone, running 8-hour mean.</summary>
    O3,

    /// <summary>PM2.5 particles, running 24-hour mean.</summary>
    Pm25,

    /// <summary>PM10 particles, running 24-hour mean.</summary>
    Pm10,
}
