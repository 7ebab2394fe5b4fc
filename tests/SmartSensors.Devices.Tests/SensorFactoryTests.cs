using SmartSensors.Devices.Simulation;
using SmartSensors.Devices.Tests.Support;

namespace SmartSensors.Devices.Tests;

public sealed class SensorFactoryTests
{
    private static readonly DateTimeOffset Monday0815 = new(2026, 3, 2, 8, 15, 0, TimeSpan.Zero);

    private static SensorDescription Sim(string id, string kind) => kind switch
    {
        SensorKinds.SoilMoisture => new() { Id = id, Kind = kind, Simulated = true, DryRaw = 20000, WetRaw = 9000 },
        SensorKinds.WaterLevel => new() { Id = id, Kind = kind, Simulated = true, DatumMm = 3500, SampleSpacingMs = 0 },
        SensorKinds.Footfall => new() { Id = id, Kind = kind, Simulated = true, Pin = 17, Pin2 = 27 },
        _ => new() { Id = id, Kind = kind, Simulated = true },
    };

    [Fact]
    public void Create_InvalidSettings_ArgumentExceptionNamingEverySetting()
    {
        var factory = new SensorFactory(TimeProvider.System);
        var bad = new SensorDescription { Id = "Bed 14", Kind = SensorKinds.SoilMoisture, Channel = 5, DryRaw = 9000, WetRaw = 20000, Address = 0x20 };

        var ex = Assert.Throws<ArgumentException>(() => factory.Create(bad, "Sensors:0:"));

        Assert.Contains("Sensors:0:Id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Sensors:0:Channel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Sensors:0:DryRaw (9000) must be greater than Sensors:0:WetRaw", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Sensors:0:Address", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thermometer", "Kind must be one of")]
    [InlineData(SensorKinds.WaterLevel, "DatumMm is required")]
    [InlineData(SensorKinds.Footfall, "Pin is required")]
    public void Validate_MissingKindSpecificSetting_Named(string kind, string expected)
    {
        var errors = new SensorDescription { Id = "s1", Kind = kind }.Validate();
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RealSerialWithoutDevPath_Refused()
    {
        var errors = new SensorDescription { Id = "pm", Kind = SensorKinds.Sds011, SerialPort = "COM3" }.Validate("S:");
        Assert.Contains(errors, e => e.StartsWith("S:SerialPort must be a device path under /dev/", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_GoodDescriptions_NoErrors()
    {
        foreach (var kind in SensorKinds.All)
        {
            Assert.Empty(Sim("s-" + kind, kind).Validate());
        }
    }

    [Fact]
    public void Constructor_BadSimulationOptions_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SensorFactory(TimeProvider.System, new SimulationOptions { SpeedUp = 0 }));
        Assert.Contains("Simulation:SpeedUp", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SensorKinds.Bme280, "temperature", "Cel", -20, 45)]
    [InlineData(SensorKinds.Scd4x, "co2", "ppm", 380, 600)]
    [InlineData(SensorKinds.SoilMoisture, "moisture", "%", 0, 100)]
    [InlineData(SensorKinds.Sds011, "pm25", "ug/m3", 0, 200)]
    [InlineData(SensorKinds.Pms5003, "pm10", "ug/m3", 0, 300)]
    [InlineData(SensorKinds.WaterLevel, "level", "m", 0, 3.5)]
    [InlineData(SensorKinds.Footfall, "count", "count", 0, 0)]
    public async Task ReadAsync_EverySimulatedKind_PlausibleQuantityThroughRealDriver(string kind, string quantity, string unit, double min, double max)
    {
        var clock = new ManualTimeProvider(Monday0815);
        var factory = new SensorFactory(clock, new SimulationOptions { Seed = 3, CorruptFrameRate = 0.2 });
        using var sensor = factory.Create(Sim("s1", kind));

        var sample = await sensor.ReadAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("s1", sensor.Id);
        Assert.Equal(kind, sensor.Kind);
        Assert.Equal(Monday0815, sample.CapturedAt);
        var q = Assert.Single(sample.Quantities, q => q.Name == quantity);
        Assert.Equal(unit, q.Unit);
        Assert.InRange(q.Value, min, max);
        Assert.All(sample.Quantities, x => Assert.True(double.IsFinite(x.Value)));
    }

    [Fact]
    public async Task ReadAsync_SimulatedSoil_MatchesModelThroughAdcAndCalibration()
    {
        var clock = new ManualTimeProvider(Monday0815);
        var factory = new SensorFactory(clock, new SimulationOptions { Seed = 11 });
        var description = Sim("bed14", SensorKinds.SoilMoisture);
        using var sensor = factory.Create(description);
        var model = new SoilMoistureModel(DeterministicNoise.SeedFor(11, "bed14"));

        for (var day = 0; day < 8; day++)
        {
            clock.SetUtcNow(Monday0815.AddDays(day));
            var sample = await sensor.ReadAsync(CancellationToken.None);
            Assert.Equal(model.MoisturePercent(Monday0815.AddDays(day)), sample.ValueOf("moisture")!.Value, 1.0);
        }
    }

    [Fact]
    public async Task ReadAsync_SimulatedRiver_LevelIsDatumMinusMedianDistance()
    {
        var clock = new ManualTimeProvider(Monday0815);
        var factory = new SensorFactory(clock, new SimulationOptions { Seed = 5, CorruptFrameRate = 0.3 });
        using var sensor = factory.Create(Sim("river-dee", SensorKinds.WaterLevel));
        var model = new RiverModel(DeterministicNoise.SeedFor(5, "river-dee"));

        var sample = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(model.LevelMetres(Monday0815), sample.ValueOf("level")!.Value, 0.02);
        Assert.Equal(3500 - (sample.ValueOf("level")!.Value * 1000), sample.ValueOf("distance")!.Value, 1.0);
        Assert.True(((IFrameCounted)sensor).Frames.ValidFrames >= 5);
    }

    [Fact]
    public async Task ReadAsync_ScenarioTimestamps_SampleStampedWithScenarioTime()
    {
        var clock = new ManualTimeProvider(Monday0815);
        var factory = new SensorFactory(clock, new SimulationOptions { SpeedUp = 60, Start = Monday0815.AddDays(-1), UseScenarioTimestamps = true });
        using var sensor = factory.Create(Sim("t1", SensorKinds.Bme280));
        clock.Advance(TimeSpan.FromMinutes(1));

        var sample = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(Monday0815.AddDays(-1).AddHours(1), sample.CapturedAt);
    }

    [Fact]
    public async Task ReadAsync_RealDeviceMissing_SensorReadExceptionNamingFixAndRetriesNextRead()
    {
        var factory = new SensorFactory(TimeProvider.System);
        using var sensor = factory.Create(new SensorDescription { Id = "t1", Kind = SensorKinds.Bme280, I2cBus = 97 });

        var first = await Assert.ThrowsAsync<SensorReadException>(async () => await sensor.ReadAsync(CancellationToken.None));
        var second = await Assert.ThrowsAsync<SensorReadException>(async () => await sensor.ReadAsync(CancellationToken.None));

        Assert.Contains("/dev/i2c-97", first.Message, StringComparison.Ordinal);
        Assert.Contains("raspi-config", first.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(second.InnerException); // tried to open again, not a cached failure
    }

    [Fact]
    public async Task ReadAsync_RealSerialMissing_SensorReadExceptionNamingPort()
    {
        var factory = new SensorFactory(TimeProvider.System);
        using var sensor = factory.Create(new SensorDescription { Id = "pm", Kind = SensorKinds.Sds011, SerialPort = "/dev/ttyUSB-smartsensors-missing" });

        var ex = await Assert.ThrowsAsync<SensorReadException>(async () => await sensor.ReadAsync(CancellationToken.None));

        Assert.Contains("/dev/ttyUSB-smartsensors-missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Disposed_Throws()
    {
        var factory = new SensorFactory(TimeProvider.System);
        var sensor = factory.Create(Sim("t1", SensorKinds.Bme280));
        sensor.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await sensor.ReadAsync(CancellationToken.None));
    }
}
