using System.Globalization;

namespace SmartSensors.Devices;

/// <summary>
/// Configuration of one sensor, bindable from configuration (all settable properties). Which settings apply
/// depends on <see cref="Kind"/>; <see cref="Validate"/> lists what is missing or out of range, naming the setting.
/// </summary>
public sealed class SensorDescription
{
    /// <summary>Sensor id, lowercase <c>[a-z0-9-]{1,64}</c>, e.g. <c>bed14</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>One of <see cref="SensorKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>True: build the simulated device (same driver, simulated bus fed by a scenario model).</summary>
    public bool Simulated { get; set; }

    // ---- I2C (bme280, scd4x, soil-moisture) ----

    /// <summary>I2C bus number N of <c>/dev/i2c-N</c>. Default 1 (Raspberry Pi header pins 3/5).</summary>
    public int I2cBus { get; set; } = 1;

    /// <summary>7-bit I2C address; default per kind (bme280 0x76, scd4x 0x62, ADS1115 0x48).</summary>
    public int? Address { get; set; }

    /// <summary>ADS1115 input channel AIN0..AIN3 (soil-moisture).</summary>
    public int Channel { get; set; }

    /// <summary>Soil probe calibration: ADC raw count in dry air / dry soil (higher than <see cref="WetRaw"/>).</summary>
    public int? DryRaw { get; set; }

    /// <summary>Soil probe calibration: ADC raw count in water / saturated soil.</summary>
    public int? WetRaw { get; set; }

    // ---- UART (sds011, pms5003, water-level) ----

    /// <summary>Serial device path, e.g. <c>/dev/ttyAMA0</c>, <c>/dev/serial0</c>, <c>/dev/ttyUSB0</c>.</summary>
    public string SerialPort { get; set; } = "/dev/serial0";

    /// <summary>Baud rate; default 9600 (all supported serial sensors).</summary>
    public int BaudRate { get; set; } = 9600;

    /// <summary>How long to wait for one valid frame before the read fails, in milliseconds.</summary>
    public int ReadTimeoutMs { get; set; } = 3000;

    /// <summary>Water level: frame format, <c>a02yyuw</c> (JSN-SR04T/A02YYUW <c>FF H L SUM</c>) or <c>maxbotix</c> (<c>R####\r</c>).</summary>
    public string Format { get; set; } = "a02yyuw";

    /// <summary>Water level: distance from the sensor face down to the level datum, in millimetres (level = datum − distance).</summary>
    public double? DatumMm { get; set; }

    /// <summary>Water level: number of distance readings whose median makes one sample (FloodNet uses 5).</summary>
    public int MedianOf { get; set; } = 5;

    /// <summary>Water level: pause between the readings of one median, in milliseconds (FloodNet uses 150).</summary>
    public int SampleSpacingMs { get; set; } = 150;

    // ---- GPIO (footfall) ----

    /// <summary>GPIO character device, e.g. <c>gpiochip0</c> or <c>/dev/gpiochip0</c>.</summary>
    public string GpioChip { get; set; } = "gpiochip0";

    /// <summary>Line offset (BCM GPIO number on a Raspberry Pi) of the beam / PIR output.</summary>
    public int? Pin { get; set; }

    /// <summary>Optional second beam's line; with two beams the counter reports direction (in/out).</summary>
    public int? Pin2 { get; set; }

    /// <summary>Which edge means "beam broken / motion": <c>falling</c> (most beam receivers pull low) or <c>rising</c> (PIR).</summary>
    public string ActiveEdge { get; set; } = "falling";

    /// <summary>Kernel debounce period in milliseconds (also applied in software).</summary>
    public int DebounceMs { get; set; } = 20;

    /// <summary>Minimum time between two counted passages on one beam, in milliseconds (one person = one count).</summary>
    public int MinPassageMs { get; set; } = 300;

    /// <summary>Two beams: the longest time between the first and second beam breaking for one directional passage.</summary>
    public int DirectionWindowMs { get; set; } = 1500;

    /// <summary>
    /// Checks the settings that apply to <see cref="Kind"/>. Messages name the setting as
    /// <c>{prefix}{Name}</c>, e.g. <c>Sensors:0:DryRaw</c>.
    /// </summary>
    public IReadOnlyList<string> Validate(string settingPrefix = "")
    {
        var errors = new List<string>();
        string S(string name) => settingPrefix + name;

        if (string.IsNullOrEmpty(Id) || Id.Length > 64 || !Id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add($"{S(nameof(Id))} must be 1-64 characters of a-z, 0-9 and '-' (got '{Id}').");
        }

        if (!SensorKinds.All.Contains(Kind))
        {
            errors.Add($"{S(nameof(Kind))} must be one of {string.Join(", ", SensorKinds.All)} (got '{Kind}').");
            return errors;
        }

        switch (Kind)
        {
            case SensorKinds.Bme280:
            case SensorKinds.Scd4x:
            case SensorKinds.SoilMoisture:
                ValidateI2c(errors, S);
                break;
            case SensorKinds.Sds011:
            case SensorKinds.Pms5003:
            case SensorKinds.WaterLevel:
                ValidateSerial(errors, S);
                break;
            case SensorKinds.Footfall:
                ValidateGpio(errors, S);
                break;
        }

        return errors;
    }

    internal string FormatAddress() => Address is { } a ? "0x" + a.ToString("X2", CultureInfo.InvariantCulture) : "(default)";

    private void ValidateI2c(List<string> errors, Func<string, string> s)
    {
        if (I2cBus is < 0 or > 255)
        {
            errors.Add($"{s(nameof(I2cBus))} must be 0-255 (got {I2cBus}).");
        }

        if (Address is { } a && a is < 0x03 or > 0x77)
        {
            errors.Add($"{s(nameof(Address))} must be a 7-bit I2C address 0x03-0x77 (got {a}).");
        }

        if (Kind == SensorKinds.Bme280 && Address is { } b && b is not (0x76 or 0x77))
        {
            errors.Add($"{s(nameof(Address))} for a BME280 must be 0x76 (118) or 0x77 (119) (got {b}).");
        }

        if (Kind != SensorKinds.SoilMoisture)
        {
            return;
        }

        if (Address is { } c && c is < 0x48 or > 0x4B)
        {
            errors.Add($"{s(nameof(Address))} for an ADS1115 must be 0x48-0x4B (72-75) (got {c}).");
        }

        if (Channel is < 0 or > 3)
        {
            errors.Add($"{s(nameof(Channel))} must be an ADS1115 input 0-3 (got {Channel}).");
        }

        if (DryRaw is null || WetRaw is null)
        {
            errors.Add($"{s(nameof(DryRaw))} and {s(nameof(WetRaw))} are required for a soil-moisture probe: read the raw count in dry air and in water (see hardware/INSTALL.md).");
        }
        else if (DryRaw <= WetRaw)
        {
            errors.Add($"{s(nameof(DryRaw))} ({DryRaw}) must be greater than {s(nameof(WetRaw))} ({WetRaw}): a capacitive probe reads lower when wetter.");
        }
    }

    private void ValidateSerial(List<string> errors, Func<string, string> s)
    {
        if (!Simulated && (string.IsNullOrWhiteSpace(SerialPort) || !SerialPort.StartsWith("/dev/", StringComparison.Ordinal)))
        {
            errors.Add($"{s(nameof(SerialPort))} must be a device path under /dev/, e.g. /dev/serial0 (got '{SerialPort}').");
        }

        if (!Serial.Termios.TryGetSpeed(BaudRate, out _))
        {
            errors.Add($"{s(nameof(BaudRate))} {BaudRate} is not a supported termios speed (1200-921600).");
        }

        if (ReadTimeoutMs is < 100 or > 60_000)
        {
            errors.Add($"{s(nameof(ReadTimeoutMs))} must be 100-60000 (got {ReadTimeoutMs}).");
        }

        if (Kind != SensorKinds.WaterLevel)
        {
            return;
        }

        if (Format is not ("a02yyuw" or "maxbotix"))
        {
            errors.Add($"{s(nameof(Format))} must be 'a02yyuw' or 'maxbotix' (got '{Format}').");
        }

        if (DatumMm is not { } d || d <= 0 || d > 20_000)
        {
            errors.Add($"{s(nameof(DatumMm))} is required: the distance in mm from the sensor face to the level datum (0-20000).");
        }

        if (MedianOf is < 1 or > 31)
        {
            errors.Add($"{s(nameof(MedianOf))} must be 1-31 (got {MedianOf}).");
        }

        if (SampleSpacingMs is < 0 or > 5000)
        {
            errors.Add($"{s(nameof(SampleSpacingMs))} must be 0-5000 (got {SampleSpacingMs}).");
        }
    }

    private void ValidateGpio(List<string> errors, Func<string, string> s)
    {
        if (Pin is not { } p || p is < 0 or > 511)
        {
            errors.Add($"{s(nameof(Pin))} is required: the GPIO line offset (BCM number) of the beam or PIR output.");
        }

        if (Pin2 is { } p2 && (p2 is < 0 or > 511 || p2 == Pin))
        {
            errors.Add($"{s(nameof(Pin2))} must be a different line 0-511 (got {p2}).");
        }

        if (ActiveEdge is not ("falling" or "rising"))
        {
            errors.Add($"{s(nameof(ActiveEdge))} must be 'falling' or 'rising' (got '{ActiveEdge}').");
        }

        if (DebounceMs is < 0 or > 1000)
        {
            errors.Add($"{s(nameof(DebounceMs))} must be 0-1000 (got {DebounceMs}).");
        }

        if (MinPassageMs is < 0 or > 60_000)
        {
            errors.Add($"{s(nameof(MinPassageMs))} must be 0-60000 (got {MinPassageMs}).");
        }

        if (DirectionWindowMs is < 10 or > 60_000)
        {
            errors.Add($"{s(nameof(DirectionWindowMs))} must be 10-60000 (got {DirectionWindowMs}).");
        }
    }
}
