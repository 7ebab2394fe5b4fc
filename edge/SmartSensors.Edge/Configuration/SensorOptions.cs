using System.Globalization;
using SmartSensors.Devices;

namespace SmartSensors.Edge.Configuration;

/// <summary>
/// One entry of <c>SmartSensors:Sensors</c>. The device settings (address, port, pin, calibration) mirror
/// <see cref="SensorDescription"/> of SmartSensors.Devices; the sampling settings (interval, timeout, thresholds) are
/// the gateway's. Validated by <see cref="SensorListOptionsValidator"/>.
/// </summary>
internal sealed class SensorOptions
{
    /// <summary>Sensor id, lowercase <c>[a-z0-9-]{1,64}</c>, unique within the gateway, e.g. <c>bed14</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device kind: bme280, sds011, pms5003, scd4x, soil-moisture, water-level, footfall.</summary>
    public string Kind { get; set; } = "";

    /// <summary>i2c, serial, gpio, or simulated.</summary>
    public string Bus { get; set; } = "";

    /// <summary>Time between two readings.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest one reading may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    // ---- I2C ----

    /// <summary>Linux I2C bus number (<c>/dev/i2c-N</c>).</summary>
    public int I2cBus { get; set; } = 1;

    /// <summary>7-bit I2C address as decimal or hex (<c>0x76</c>); the kind's default when unset.</summary>
    public string? Address { get; set; }

    /// <summary>ADS1115 input channel 0-3 (soil-moisture).</summary>
    public int Channel { get; set; }

    // ---- serial ----

    /// <summary>Serial device, e.g. <c>/dev/serial0</c>.</summary>
    public string SerialPort { get; set; } = "/dev/serial0";

    public int BaudRate { get; set; } = 9600;

    /// <summary>Water level frame format: a02yyuw or maxbotix.</summary>
    public string Format { get; set; } = "a02yyuw";

    /// <summary>Water level: readings whose median makes one sample.</summary>
    public int MedianOf { get; set; } = 5;

    /// <summary>Water level: pause between the readings of one median, ms.</summary>
    public int SampleSpacingMs { get; set; } = 150;

    // ---- GPIO ----

    public string GpioChip { get; set; } = "gpiochip0";

    /// <summary>GPIO line (BCM number) of the beam or PIR.</summary>
    public int? Pin { get; set; }

    /// <summary>Second beam for direction (optional).</summary>
    public int? Pin2 { get; set; }

    /// <summary>falling (beam receivers) or rising (PIR).</summary>
    public string ActiveEdge { get; set; } = "falling";

    public int DebounceMs { get; set; } = 20;

    public int MinPassageMs { get; set; } = 300;

    public int DirectionWindowMs { get; set; } = 1500;

    // ---- calibration ----

    /// <summary>Soil probe: raw ADC count dry (in air).</summary>
    public int? DryRaw { get; set; }

    /// <summary>Soil probe: raw ADC count wet (in water).</summary>
    public int? WetRaw { get; set; }

    /// <summary>Water level: distance in mm from the sensor face down to the level datum.</summary>
    public double? DatumMm { get; set; }

    // ---- local use ----

    /// <summary>Local thresholds by quantity name (e.g. <c>moisture</c>).</summary>
    public Dictionary<string, ThresholdOptions> Thresholds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when <see cref="Bus"/> is <c>simulated</c>.</summary>
    public bool IsSimulated => string.Equals(Bus, SensorBus.Simulated, StringComparison.Ordinal);

    /// <summary>Parses <see cref="Address"/> (decimal or 0x-hex); null when unset, false when not a number.</summary>
    public bool TryParseAddress(out int? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(Address))
        {
            return true;
        }

        var text = Address.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                address = hex;
                return true;
            }

            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            address = value;
            return true;
        }

        return false;
    }

    /// <summary>The device layer's description of this sensor (call after validation).</summary>
    public SensorDescription ToDescription()
    {
        _ = TryParseAddress(out var address);
        return new SensorDescription
        {
            Id = Id,
            Kind = Kind,
            Simulated = IsSimulated,
            I2cBus = I2cBus,
            Address = address,
            Channel = Channel,
            DryRaw = DryRaw,
            WetRaw = WetRaw,
            SerialPort = SerialPort,
            BaudRate = BaudRate,
            ReadTimeoutMs = (int)Math.Clamp(Timeout.TotalMilliseconds, 100, 60_000),
            Format = Format,
            DatumMm = DatumMm,
            MedianOf = MedianOf,
            SampleSpacingMs = SampleSpacingMs,
            GpioChip = GpioChip,
            Pin = Pin,
            Pin2 = Pin2,
            ActiveEdge = ActiveEdge,
            DebounceMs = DebounceMs,
            MinPassageMs = MinPassageMs,
            DirectionWindowMs = DirectionWindowMs,
        };
    }
}
