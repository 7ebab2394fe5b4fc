namespace SmartSensors.Devices.Bindings.Bme280;

/// <summary>
/// Bosch BME280 temperature / pressure / humidity sensor on I2C (0x76 or 0x77). Runs the chip in normal mode
/// (oversampling ×1 for all three, IIR off, 1000 ms standby) so a read is one burst of 0xF7-0xFE.
/// </summary>
public sealed class Bme280
{
    public const byte ExpectedChipId = 0x60;
    public const byte ResetCommand = 0xB6;
    public const int DefaultAddress = 0x76;

    /// <summary>adc value the chip reports for a skipped (or not yet done) measurement.</summary>
    internal const int Skipped20Bit = 0x80000;
    internal const int Skipped16Bit = 0x8000;

    private readonly I2c.I2cDevice _device;

    /// <summary>Verifies the chip id, resets the chip, reads its calibration and starts normal mode.</summary>
    public Bme280(I2c.I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        var id = ReadRegister(Bme280Register.ChipId);
        if (id != ExpectedChipId)
        {
            var what = id is 0x56 or 0x57 or 0x58 ? " (a BMP280: no humidity)" : id == 0x61 ? " (a BME680)" : string.Empty;
            throw new InvalidOperationException($"Not a BME280 at 0x{device.ConnectionSettings.DeviceAddress:X2} on bus {device.ConnectionSettings.BusId}: chip id 0x{id:X2}{what}, expected 0x60.");
        }

        Span<byte> block1 = stackalloc byte[26];
        Span<byte> block2 = stackalloc byte[7];
        _device.WriteRead([(byte)Bme280Register.CalibT1], block1);
        _device.WriteRead([(byte)Bme280Register.CalibH2], block2);
        Calibration = Bme280Calibration.Decode(block1, block2);

        // ctrl_hum takes effect only after the following ctrl_meas write (datasheet 5.4.3).
        _device.Write([(byte)Bme280Register.CtrlHum, 0x01]);                     // osrs_h ×1
        _device.Write([(byte)Bme280Register.Config, 0b101_000_00]);               // t_sb 1000 ms, filter off
        _device.Write([(byte)Bme280Register.CtrlMeas, 0b001_001_11]);             // osrs_t ×1, osrs_p ×1, normal mode
    }

    public Bme280Calibration Calibration { get; }

    /// <summary>Reads the latest measurement burst and compensates it.</summary>
    public Bme280Reading Read()
    {
        Span<byte> data = stackalloc byte[8];
        _device.WriteRead([(byte)Bme280Register.PressMsb], data);
        return Decode(data, Calibration);
    }

    /// <summary>Decodes the 8-byte burst 0xF7-0xFE. Throws <see cref="SensorReadException"/> for a skipped measurement.</summary>
    public static Bme280Reading Decode(ReadOnlySpan<byte> burst, Bme280Calibration calibration)
    {
        if (burst.Length < 8)
        {
            throw new ArgumentException("A BME280 data burst is 8 bytes (0xF7-0xFE).", nameof(burst));
        }

        var adcP = (burst[0] << 12) | (burst[1] << 4) | (burst[2] >> 4);
        var adcT = (burst[3] << 12) | (burst[4] << 4) | (burst[5] >> 4);
        var adcH = (burst[6] << 8) | burst[7];
        if (adcT == Skipped20Bit || adcP == Skipped20Bit || adcH == Skipped16Bit)
        {
            throw new SensorReadException("BME280 reported a skipped measurement (0x80000): the chip is not measuring (was it reset or is it in sleep mode?).");
        }

        var t = Bme280Compensation.Temperature(adcT, calibration, out var tFine);
        var p = Bme280Compensation.Pressure(adcP, tFine, calibration);
        var h = Bme280Compensation.Humidity(adcH, tFine, calibration);
        return new Bme280Reading(t, p, h);
    }

    private byte ReadRegister(Bme280Register register)
    {
        Span<byte> b = stackalloc byte[1];
        _device.WriteRead([(byte)register], b);
        return b[0];
    }
}
