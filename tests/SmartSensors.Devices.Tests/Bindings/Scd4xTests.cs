using SmartSensors.Devices.Bindings.Scd4x;
using SmartSensors.Devices.I2c;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class Scd4xTests
{
    [Fact]
    public void Crc8_DatasheetExample_BeefGives92()
    {
        Assert.Equal(0x92, SensirionCrc8.Compute([0xBE, 0xEF]));
        Assert.Equal(0x92, SensirionCrc8.Compute((ushort)0xBEEF));
    }

    [Fact]
    public void Convert_DatasheetFormulas()
    {
        var r = Scd4x.Convert(0x01F4, 0x6667, 0x5EB9);

        Assert.Equal(500, r.Co2Ppm);
        Assert.Equal(-45 + (175.0 * 0x6667 / 65535), r.TemperatureCelsius, 6);   // ≈ 25.0 °C
        Assert.Equal(100.0 * 0x5EB9 / 65535, r.HumidityPercent, 6);              // ≈ 37.0 %
        Assert.Equal(25.0, r.TemperatureCelsius, 1);
        Assert.Equal(37.0, r.HumidityPercent, 1);
    }

    [Fact]
    public void TryDecodeWords_DatasheetReadMeasurementExample_Decodes()
    {
        // The datasheet's read_measurement example words (500 ppm, 0x6667 ≈ 25 °C, 0x5EB9 ≈ 37 %RH), each with its CRC
        // (0x6667 → 0xA2 and 0x5EB9 → 0x3C as printed in the example; 0x01F4 → 0x33).
        byte[] response = [0x01, 0xF4, 0x33, 0x66, 0x67, 0xA2, 0x5E, 0xB9, 0x3C];
        var words = new ushort[3];

        Assert.True(Scd4x.TryDecodeWords(response, words));
        Assert.Equal([0x01F4, 0x6667, 0x5EB9], words);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void TryDecodeWords_AnyFlippedBit_Rejected(int index)
    {
        byte[] response = [0x01, 0xF4, 0x33, 0x66, 0x67, 0xA2, 0x5E, 0xB9, 0x3C];
        response[index] ^= 0x10;
        Assert.False(Scd4x.TryDecodeWords(response, new ushort[3]));
    }

    [Fact]
    public void TryDecodeWords_WrongLength_Rejected()
    {
        Assert.False(Scd4x.TryDecodeWords(new byte[8], new ushort[3]));
    }

    [Fact]
    public async Task Driver_StopSerialStartRead_CommandSequenceAndValues()
    {
        var chip = new SimulatedScd4x(() => (612, 21.5, 48.0));
        var scd = new Scd4x(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x62), chip));

        await scd.StopPeriodicMeasurementAsync(CancellationToken.None);
        var serial = await scd.ReadSerialNumberAsync(CancellationToken.None);
        scd.StartPeriodicMeasurement();
        var ready = await scd.IsDataReadyAsync(CancellationToken.None);
        var r = await scd.ReadMeasurementAsync(CancellationToken.None);

        Assert.Equal(chip.SerialNumber, serial);
        Assert.True(ready);
        Assert.Equal(612, r.Co2Ppm);
        Assert.Equal(21.5, r.TemperatureCelsius, 0.01);
        Assert.Equal(48.0, r.HumidityPercent, 0.01);
        Assert.Equal([0x3F86, 0x3682, 0x21B1, 0xE4B8, 0xEC05], chip.Commands);
    }

    [Fact]
    public async Task Driver_NotReady_DataReadyFalse()
    {
        var chip = new SimulatedScd4x(() => (400, 20, 50)) { DataReady = false };
        var scd = new Scd4x(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x62), chip));
        scd.StartPeriodicMeasurement();

        Assert.False(await scd.IsDataReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Driver_CorruptCrc_SensorReadExceptionAndCounted()
    {
        var chip = new SimulatedScd4x(() => (400, 20, 50));
        var frames = new FrameCounters();
        var scd = new Scd4x(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x62), chip), counters: frames);
        scd.StartPeriodicMeasurement();
        chip.CorruptNextResponse = true;

        var ex = await Assert.ThrowsAsync<SensorReadException>(async () => await scd.ReadMeasurementAsync(CancellationToken.None));

        Assert.Contains("CRC mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, scd.CrcErrors);
        Assert.Equal(1, frames.CorruptFrames);

        // the next read is fine again
        var r = await scd.ReadMeasurementAsync(CancellationToken.None);
        Assert.Equal(400, r.Co2Ppm);
    }

    [Fact]
    public async Task Driver_ReadWhileIdle_NoValidResponse_SensorReadException()
    {
        // Reading a measurement without starting periodic mode: the chip NACKs/returns 0xFF, whose CRC is wrong.
        var chip = new SimulatedScd4x(() => (400, 20, 50));
        var scd = new Scd4x(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x62), chip));

        await Assert.ThrowsAsync<SensorReadException>(async () => await scd.ReadMeasurementAsync(CancellationToken.None));
    }
}
