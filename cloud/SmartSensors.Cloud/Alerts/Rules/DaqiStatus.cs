using SmartSensors.Cloud.Alerts.AirQuality;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>The DAQI of a sensor: the index, its band and the pollutant that set it — or all null for
/// "insufficient data" (fewer than 75 % of the averaging window's slots hold readings). Never a made-up index.</summary>
internal sealed record DaqiStatus(int? Index, DaqiBand? Band, Pollutant? Pollutant, double? Mean)
{
    /// <summary>True when no pollutant has enough data for an index.</summary>
    public bool InsufficientData => Index is null;
}
