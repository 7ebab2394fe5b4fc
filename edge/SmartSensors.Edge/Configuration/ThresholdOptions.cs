namespace SmartSensors.Edge.Configuration;

/// <summary>
/// A local threshold on one quantity of a sensor (e.g. <c>moisture</c> below 25 %): the gateway logs when a reading
/// leaves or re-enters the band, so a technician on site sees it in the journal even without the cloud.
/// </summary>
internal sealed class ThresholdOptions
{
    /// <summary>Readings below this are out of band.</summary>
    public double? Low { get; set; }

    /// <summary>Readings above this are out of band.</summary>
    public double? High { get; set; }
}
