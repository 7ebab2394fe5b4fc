using SmartSensors.Devices.Bindings.Ads1115;
using SmartSensors.Devices.I2c;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Devices.Tests.Bindings;

public sealed class Ads1115Tests
{
    [Fact]
    public void ConfigWord_Ain0SingleShot4V128Sps_0xC383()
    {
        // OS=1 | MUX=100 (AIN0-GND) | PGA=001 (±4.096) | MODE=1 | DR=100 (128 SPS) | COMP_QUE=11
        Assert.Equal(0xC383, Ads1115.ConfigWord(0, Ads1115Range.PlusMinus4096mV, start: true));
        Assert.Equal(0x7383, Ads1115.ConfigWord(3, Ads1115Range.PlusMinus4096mV, start: false));
    }

    [Fact]
    public void ConfigWord_ChannelOutOfRange_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ads1115.ConfigWord(4, Ads1115Range.PlusMinus4096mV, true));
    }

    [Theory]
    [InlineData((short)8000, 1.0)]        // 125 µV per count at ±4.096 V
    [InlineData((short)32767, 4.095875)]
    [InlineData((short)-32768, -4.096)]
    [InlineData((short)0, 0.0)]
    public void ToVolts_4096Range_125MicrovoltsPerCount(short raw, double volts)
    {
        Assert.Equal(volts, Ads1115.ToVolts(raw, Ads1115Range.PlusMinus4096mV), 9);
    }

    [Fact]
    public async Task ReadRaw_SimulatedChip_PollsUntilDoneAndReadsSelectedChannel()
    {
        var chip = new SimulatedAds1115(ch => ch == 2 ? 1.5 : 0.25);
        var adc = new Ads1115(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x48), chip));

        var raw2 = await adc.ReadRawAsync(2, CancellationToken.None);
        var raw0 = await adc.ReadRawAsync(0, CancellationToken.None);

        Assert.Equal(12000, raw2);
        Assert.Equal(2000, raw0);
        Assert.Equal(2, chip.Conversions);
    }

    [Fact]
    public void Constructor_NoChipAnswering_IOException()
    {
        var device = new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x49), new SimulatedAds1115(_ => 0));
        device.FailNextTransactions(1);
        Assert.Throws<IOException>(() => new Ads1115(device));
    }

    [Fact]
    public void Constructor_SomethingElseAtAddress_Refused()
    {
        // An SCD4x (command-based, reads 0xFF when no command is pending) answering at the ADC's address.
        var other = new SimulatedScd4x(() => (400, 20, 50));
        var ex = Assert.Throws<InvalidOperationException>(() => new Ads1115(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x48), other)));
        Assert.Contains("No ADS1115 at 0x48", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20000, 0.0)]    // dry
    [InlineData(9000, 100.0)]   // in water
    [InlineData(14500, 50.0)]
    [InlineData(25000, 0.0)]    // drier than calibration: clamped
    [InlineData(5000, 100.0)]   // wetter than calibration: clamped
    public void MoisturePercent_CalibratedProbe_LinearAndClamped(double raw, double pct)
    {
        Assert.Equal(pct, CapacitiveSoilMoistureProbe.MoisturePercent(raw, 20000, 9000), 6);
    }

    [Fact]
    public void Probe_DryNotAboveWet_Refused()
    {
        var adc = new Ads1115(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x48), new SimulatedAds1115(_ => 0)));
        Assert.Throws<ArgumentException>(() => new CapacitiveSoilMoistureProbe(adc, 0, 9000, 20000));
    }

    [Fact]
    public async Task Probe_SimulatedVoltage_MoistureThroughRealAdcDriver()
    {
        // 14500 counts ≈ 1.8125 V, half-way between dry 20000 and wet 9000.
        var adc = new Ads1115(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x48), new SimulatedAds1115(_ => 14500 * 4.096 / 32768)));
        var probe = new CapacitiveSoilMoistureProbe(adc, 1, 20000, 9000);

        var r = await probe.ReadAsync(CancellationToken.None);

        Assert.Equal(50.0, r.MoisturePercent, 0.01);
        Assert.Equal(1.8125, r.Volts, 4);
    }

    [Fact]
    public async Task Probe_Unplugged_SensorReadException()
    {
        var adc = new Ads1115(new SimulatedI2cDevice(new I2cConnectionSettings(1, 0x48), new SimulatedAds1115(_ => 0)));
        var probe = new CapacitiveSoilMoistureProbe(adc, 0, 20000, 9000);

        await Assert.ThrowsAsync<SensorReadException>(async () => await probe.ReadAsync(CancellationToken.None));
    }
}
