using SmartSensors.Devices.Bindings.Bme280;
using SmartSensors.Devices.I2c;

namespace SmartSensors.Devices.Simulation;

/// <summary>
/// A BME280 register map: chip id 0x60, calibration registers, soft reset, and a data burst computed from a
/// weather model by inverting the datasheet compensation (binary search on the raw ADC value), so the real
/// <see cref="Bme280"/> driver decodes what the model says.
/// </summary>
public sealed class SimulatedBme280 : I2cRegisterMap
{
    /// <summary>The datasheet worked-example T/P trimming, with typical humidity trimming.</summary>
    public static readonly Bme280Calibration DatasheetCalibration = new(
        27504, 26435, -1000,
        36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        75, 362, 0, 313, 50, 30);

    private readonly Func<(double TemperatureCelsius, double PressurePascal, double HumidityPercent)> _model;

    public SimulatedBme280(Func<(double TemperatureCelsius, double PressurePascal, double HumidityPercent)> model, Bme280Calibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        Calibration = calibration ?? DatasheetCalibration;
        var (b1, b2) = Calibration.Encode();
        b1.CopyTo(Registers[0x88..]);
        b2.CopyTo(Registers[0xE1..]);
        Registers[(int)Bme280Register.ChipId] = Bme280.ExpectedChipId;
        SetSkipped();
        OnRegisterWritten = (reg, value) =>
        {
            if (reg == (byte)Bme280Register.Reset && value == Bme280.ResetCommand)
            {
                Registers[(int)Bme280Register.CtrlHum] = 0;
                Registers[(int)Bme280Register.CtrlMeas] = 0;
                Registers[(int)Bme280Register.Config] = 0;
                SetSkipped();
            }
        };
    }

    public Bme280Calibration Calibration { get; }

    /// <summary>Raw ADC values that compensate to the given physical values (for tests and the burst).</summary>
    public static (int AdcT, int AdcP, int AdcH) Encode(double temperature, double pressure, double humidity, Bme280Calibration c)
    {
        ArgumentNullException.ThrowIfNull(c);

        // Temperature rises with adc_T; pressure falls with adc_P; humidity rises with adc_H.
        var adcT = Search(0, (1 << 20) - 1, a => Bme280Compensation.Temperature(a, c, out _), temperature, increasing: true);
        _ = Bme280Compensation.Temperature(adcT, c, out var tFine);
        var adcP = Search(0, (1 << 20) - 1, a => Bme280Compensation.Pressure(a, tFine, c), pressure, increasing: false);
        var adcH = Search(0, 0xFFFF, a => Bme280Compensation.Humidity(a, tFine, c), humidity, increasing: true);
        return (adcT, adcP, adcH);
    }

    protected override void BeforeRead(byte register, int length)
    {
        if (register > (byte)Bme280Register.PressMsb || register + length <= (byte)Bme280Register.PressMsb)
        {
            return;
        }

        // Normal mode (mode bits 11) produces data; sleep mode leaves the last (or skipped) values.
        if ((Registers[(int)Bme280Register.CtrlMeas] & 0b11) != 0b11)
        {
            return;
        }

        var (t, p, h) = _model();
        var (adcT, adcP, adcH) = Encode(t, p, h, Calibration);
        Registers[0xF7] = (byte)(adcP >> 12);
        Registers[0xF8] = (byte)(adcP >> 4);
        Registers[0xF9] = (byte)((adcP & 0xF) << 4);
        Registers[0xFA] = (byte)(adcT >> 12);
        Registers[0xFB] = (byte)(adcT >> 4);
        Registers[0xFC] = (byte)((adcT & 0xF) << 4);
        Registers[0xFD] = (byte)(adcH >> 8);
        Registers[0xFE] = (byte)adcH;
    }

    private void SetSkipped()
    {
        Registers[0xF7] = 0x80;
        Registers[0xF8] = 0;
        Registers[0xF9] = 0;
        Registers[0xFA] = 0x80;
        Registers[0xFB] = 0;
        Registers[0xFC] = 0;
        Registers[0xFD] = 0x80;
        Registers[0xFE] = 0;
    }

    private static int Search(int lo, int hi, Func<int, double> f, double target, bool increasing)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var v = f(mid);
            if (increasing ? v < target : v > target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
