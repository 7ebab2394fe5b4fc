namespace SmartSensors.Cloud.OpenData;

/// <summary>A river station's Environment Agency-style levels, in metres above its datum.</summary>
internal sealed record RiverThresholds(double Alert, double Warning, double Severe)
{
    /// <summary>The level a value has reached: <c>severe</c>, <c>warning</c>, <c>alert</c> or <c>normal</c>.</summary>
    public string Status(double level) =>
        level >= Severe ? "severe" : level >= Warning ? "warning" : level >= Alert ? "alert" : "normal";
}
