namespace SmartSensors.Cloud.Alerts.AirQuality;

/// <summary>DAQI bands: index 1–3 Low, 4–6 Moderate, 7–9 High, 10 Very High.</summary>
internal enum DaqiBand
{
    /// <summary>Index 1–3.</summary>
    Low,

    /// <summary>Index 4–6.</summary>
    Moderate,

    /// <summary>Index 7–9.</summary>
    High,

    /// <summary>Index 10.</summary>
    VeryHigh,
}
