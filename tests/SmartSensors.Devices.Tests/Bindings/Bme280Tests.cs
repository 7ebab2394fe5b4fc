using SmartSensors.Devices.Bindings.Bme280;
using SmartSensors.Devices.I2c;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class Bme280Tests
{
    private static readonly Bme280Calibration Datasheet = SimulatedBme280.DatasheetCalibration;

    [Fact]
    public void Compensation_DatasheetWorkedExample_25_08CAnd100653Pa()
    {
        var t = Bme280Compensation.Temperature(519888, Datasheet, out var tFine);
        var p = Bme280Compensation.Pressure(415148, tFine, Datasheet);

        Assert.Equal(128422, tFine);
        Assert.Equal(25.08, t, 2);
        Assert.Equal(100653.27, p, 0.05); // double-precision path; the integer path gives 100653.25
    }

    [Fact]
    public void Read_DatasheetRawValuesInRegisters_DriverDecodesDatasheetResult()
    {
        var chip = new I2cRegisterMap();
        var (b1, b2) = Datasheet.Encode();
        b1.CopyTo(chip.Registers[0x88..]);
        b2.CopyTo(chip.Registers[0xE1..]);
        chip.Registers[0xD0] = 0x60;

        // adc_P = 415148 = 0x655AC, adc_T = 519888 = 0x7EED0: MSB, LSB, XLSB[7:4]
        byte[] burst = [0x65, 0x5A, 0xC0, 0x7E, 0xED, 0x00, 0x66, 0x00];
        burst.CopyTo(chip.Registers[0xF7..]);
        var bme = new Bme280(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x76), chip));

        var r = bme.Read();

        Assert.Equal(25.08, r.TemperatureCelsius, 2);
        Assert.Equal(100653.27, r.PressurePascal, 0.05);
        Assert.InRange(r.HumidityPercent, 0, 100);
    }

    [Fact]
    public void Constructor_ConfiguresCtrlHumBeforeCtrlMeasAndNormalMode()
    {
        var chip = new SimulatedBme280(() => (20, 100000, 50));
        var writes = new List<(byte Reg, byte Value)>();
        chip.OnRegisterWritten += (r, v) => writes.Add((r, v));

        _ = new Bme280(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x76), chip));

        var hum = writes.FindIndex(w => w.Reg == 0xF2);
        var meas = writes.FindIndex(w => w.Reg == 0xF4);
        Assert.True(hum >= 0 && meas > hum, "ctrl_hum must be written before ctrl_meas (it only takes effect then)");
        Assert.Equal(0b11, writes[meas].Value & 0b11);
    }

    [Theory]
    [InlineData(0x58, "BMP280")]
    [InlineData(0x61, "BME680")]
    [InlineData(0xFF, "0xFF")]
    public void Constructor_WrongChipId_RefusedNamingWhatWasFound(byte id, string expected)
    {
        var chip = new I2cRegisterMap();
        chip.Registers[0xD0] = id;

        var ex = Assert.Throws<InvalidOperationException>(() => new Bme280(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x77), chip)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x77", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SkippedMeasurement_SensorReadException()
    {
        var chip = new I2cRegisterMap();
        chip.Registers[0xD0] = 0x60;
        var (b1, b2) = Datasheet.Encode();
        b1.CopyTo(chip.Registers[0x88..]);
        b2.CopyTo(chip.Registers[0xE1..]);
        byte[] skipped = [0x80, 0, 0, 0x80, 0, 0, 0x80, 0];
        skipped.CopyTo(chip.Registers[0xF7..]);
        var bme = new Bme280(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x76), chip));

        Assert.Throws<SensorReadException>(() => bme.Read());
    }

    [Fact]
    public void Read_BusNack_IOException()
    {
        var device = new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x76), new SimulatedBme280(() => (20, 100000, 50)));
        var bme = new Bme280(device);
        device.FailNextTransactions(1);

        Assert.Throws<IOException>(() => bme.Read());
    }

    [Fact]
    public void CalibrationDecode_NegativeH4H5_SignExtendedFromSharedNibbleRegister()
    {
        var c = Datasheet with { H4 = -300, H5 = -7 };
        var (b1, b2) = c.Encode();

        var back = Bme280Calibration.Decode(b1, b2);

        Assert.Equal(c, back);
    }

    [Fact]
    public void CalibrationDecode_ShortBlock_Refused()
    {
        Assert.Throws<ArgumentException>(() => Bme280Calibration.Decode(new byte[25], new byte[7]));
    }

    [Theory]
    [InlineData(-10.0, 98000.0, 90.0)]
    [InlineData(25.08, 100653.27, 40.0)]
    [InlineData(38.5, 103000.0, 12.0)]
    public void SimulatedChip_PhysicalValues_RoundTripThroughRealDriver(double t, double p, double h)
    {
        var bme = new Bme280(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x76), new SimulatedBme280(() => (t, p, h))));

        var r = bme.Read();

        Assert.Equal(t, r.TemperatureCelsius, 0.01);
        Assert.Equal(p, r.PressurePascal, 0.5);
        Assert.Equal(h, r.HumidityPercent, 0.05);
    }

    [Fact]
    public void SimulatedChip_SoftReset_StopsMeasuring()
    {
        var chip = new SimulatedBme280(() => (20, 100000, 50));
        var device = new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x76), chip);
        var bme = new Bme280(device);

        device.Write([0xE0, 0xB6]);

        Assert.Throws<SensorReadException>(() => bme.Read());
    }
}
