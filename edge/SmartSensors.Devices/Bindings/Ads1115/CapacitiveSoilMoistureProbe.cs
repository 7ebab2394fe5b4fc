namespace SmartSensors.Devices.Bindings.Ads1115;

/// <summary>
/// A capacitive soil-moisture probe (v1.2/v2.0 style, analog out) on one ADS1115 input. Its output falls as the soil
/// gets wetter; each probe is calibrated with its raw count in dry air (<c>dryRaw</c>) and in water (<c>wetRaw</c>):
/// pct = clamp((dry − raw) / (dry − wet) × 100, 0, 100). A moisture index, not volumetric water content.
/// </summary>
public sealed class CapacitiveSoilMoistureProbe
{
    private readonly Ads1115 _adc;

    public CapacitiveSoilMoistureProbe(Ads1115 adc, int channel, int dryRaw, int wetRaw, int samples = 4)
    {
        ArgumentNullException.ThrowIfNull(adc);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)channel, 3u, nameof(channel));
        if (dryRaw <= wetRaw)
        {
            throw new ArgumentException($"dryRaw ({dryRaw}) must be greater than wetRaw ({wetRaw}): a capacitive probe reads lower when wetter.", nameof(dryRaw));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        _adc = adc;
        Channel = channel;
        DryRaw = dryRaw;
        WetRaw = wetRaw;
        Samples = samples;
    }

    public int Channel { get; }

    public int DryRaw { get; }

    public int WetRaw { get; }

    public int Samples { get; }

    public static double MoisturePercent(double raw, int dryRaw, int wetRaw) =>
        Math.Clamp((dryRaw - raw) / (dryRaw - wetRaw) * 100.0, 0.0, 100.0);

    /// <summary>Mean of <see cref="Samples"/> conversions, converted with the probe's calibration.</summary>
    public async ValueTask<SoilMoistureReading> ReadAsync(CancellationToken cancellationToken)
    {
        double sum = 0;
        for (var i = 0; i < Samples; i++)
        {
            sum += await _adc.ReadRawAsync(Channel, cancellationToken).ConfigureAwait(false);
        }

        var raw = sum / Samples;
        if (raw <= 0)
        {
            throw new SensorReadException($"Soil probe on ADS1115 AIN{Channel} reads {raw:0} (0 V): probe unplugged or unpowered.");
        }

        return new SoilMoistureReading(MoisturePercent(raw, DryRaw, WetRaw), raw, raw * Ads1115.FullScaleVolts(_adc.Range) / 32768.0);
    }
}
