using SmartSensors.Devices.Bindings.Ads1115;
using SmartSensors.Devices.Bindings.Bme280;
using SmartSensors.Devices.Bindings.Footfall;
using SmartSensors.Devices.Bindings.Pms5003;
using SmartSensors.Devices.Bindings.Scd4x;
using SmartSensors.Devices.Bindings.Sds011;
using SmartSensors.Devices.Bindings.WaterLevel;
using SmartSensors.Devices.Gpio;
using SmartSensors.Devices.I2c;
using SmartSensors.Devices.Serial;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Devices;

/// <summary>
/// Builds an <see cref="ISensor"/> from a <see cref="SensorDescription"/>: a real device on a Linux bus, or
/// (<see cref="SensorDescription.Simulated"/>) the same driver on a simulated bus fed by a scenario model.
/// Devices open lazily on the first read, so creating a sensor never touches hardware and cannot fail on a
/// missing device; a read that fails closes the device and the next read reopens it.
/// </summary>
public sealed class SensorFactory
{
    private readonly TimeProvider _time;
    private readonly SimulationOptions _simulation;
    private long _riverDraws;

    /// <param name="timeProvider">Capture timestamps and scenario time. Physical waits inside drivers (ms-scale chip execution times) use the real clock.</param>
    /// <param name="simulation">Scenario for simulated sensors; null = defaults (real speed, seed 1).</param>
    public SensorFactory(TimeProvider timeProvider, SimulationOptions? simulation = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _simulation = simulation ?? new SimulationOptions();
        var errors = _simulation.Validate("Simulation:");
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(simulation));
        }

        Scenario = new ScenarioClock(timeProvider, _simulation.Start, _simulation.SpeedUp, _simulation.CatchUp);
    }

    /// <summary>The scenario clock driving every simulated sensor of this factory.</summary>
    public ScenarioClock Scenario { get; }

    /// <summary>
    /// Creates the sensor. Throws <see cref="ArgumentException"/> listing every invalid setting (named
    /// <c>{settingPrefix}{Setting}</c>); no device is opened until the first <see cref="ISensor.ReadAsync"/>.
    /// </summary>
    public ISensor Create(SensorDescription description, string settingPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(description);
        var errors = description.Validate(settingPrefix);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(description));
        }

        var d = description;
        var frames = new FrameCounters();
        Func<DateTimeOffset> now = d.Simulated && _simulation.UseScenarioTimestamps ? () => Scenario.Now : _time.GetUtcNow;
        var seed = DeterministicNoise.SeedFor(_simulation.Seed, d.Id);
        var timeout = TimeSpan.FromMilliseconds(d.ReadTimeoutMs);

        return d.Kind switch
        {
            SensorKinds.Bme280 => new BindingSensor(d.Id, d.Kind, now, frames, ct => ConnectBme280(I2cFor(d, Bme280.DefaultAddress, SimBme280(seed)), ct)),
            SensorKinds.Scd4x => new BindingSensor(d.Id, d.Kind, now, frames, ct => ConnectScd4x(I2cFor(d, Scd4x.DefaultAddress, SimScd4x(seed)), frames, ct)),
            SensorKinds.SoilMoisture => new BindingSensor(d.Id, d.Kind, now, frames, ct => ConnectSoil(d, I2cFor(d, Ads1115.DefaultAddress, SimAds1115(d, seed)))),
            SensorKinds.Sds011 => CreateSerial(d, now, frames, SimSource(seed, () => SimSds011(seed)), port =>
            {
                var sds = new Sds011(port, frames);
                return async ct =>
                {
                    var r = await sds.ReadAsync(timeout, ct).ConfigureAwait(false);
                    return [new("pm25", r.Pm25, SenMlUnits.MicrogramsPerCubicMetre), new("pm10", r.Pm10, SenMlUnits.MicrogramsPerCubicMetre)];
                };
            }),
            SensorKinds.Pms5003 => CreateSerial(d, now, frames, SimSource(seed, () => SimPms5003(seed)), port =>
            {
                var pms = new Pms5003(port, frames);
                return async ct =>
                {
                    var r = await pms.ReadAsync(timeout, ct).ConfigureAwait(false);
                    return
                    [
                        new("pm1", r.Pm1Atmospheric, SenMlUnits.MicrogramsPerCubicMetre),
                        new("pm25", r.Pm25Atmospheric, SenMlUnits.MicrogramsPerCubicMetre),
                        new("pm10", r.Pm10Atmospheric, SenMlUnits.MicrogramsPerCubicMetre),
                    ];
                };
            }),
            SensorKinds.WaterLevel => CreateSerial(d, now, frames, SimSource(seed, () => SimRiver(d, seed)), port =>
            {
                var format = d.Format == "maxbotix" ? UltrasonicFormat.MaxBotix : UltrasonicFormat.A02yyuw;
                var gauge = new WaterLevelGauge(new UltrasonicRanger(port, format, frames), d.DatumMm!.Value, d.MedianOf, TimeSpan.FromMilliseconds(d.SampleSpacingMs));
                return async ct =>
                {
                    var (level, distance) = await gauge.ReadAsync(timeout, ct).ConfigureAwait(false);
                    return [new("level", Math.Round(level, 4), SenMlUnits.Metre), new("distance", distance, SenMlUnits.Millimetre)];
                };
            }),
            SensorKinds.Footfall => new BindingSensor(d.Id, d.Kind, now, frames, _ => ValueTask.FromResult(ConnectFootfall(d, seed))),
            _ => throw new ArgumentException($"{settingPrefix}Kind '{d.Kind}' is not supported.", nameof(description)),
        };
    }

    private static async ValueTask<SensorConnection> ConnectBme280(Func<I2cDevice> open, CancellationToken cancellationToken)
    {
        var device = open();
        try
        {
            var bme = new Bme280(device);

            // Normal mode's first conversion completes ~10 ms after configuration.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            return new SensorConnection(
                _ =>
                {
                    var r = bme.Read();
                    return ValueTask.FromResult<IReadOnlyList<Quantity>>(
                    [
                        new("temperature", Math.Round(r.TemperatureCelsius, 2), SenMlUnits.Celsius),
                        new("humidity", Math.Round(r.HumidityPercent, 2), SenMlUnits.RelativeHumidity),
                        new("pressure", Math.Round(r.PressurePascal, 1), SenMlUnits.Pascal),
                    ]);
                },
                device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static async ValueTask<SensorConnection> ConnectScd4x(Func<I2cDevice> open, FrameCounters frames, CancellationToken cancellationToken)
    {
        var device = open();
        try
        {
            var scd = new Scd4x(device, counters: frames);
            await scd.StopPeriodicMeasurementAsync(cancellationToken).ConfigureAwait(false);
            var serial = await scd.ReadSerialNumberAsync(cancellationToken).ConfigureAwait(false);
            if (serial == 0)
            {
                throw new InvalidOperationException($"No SCD4x at 0x{device.ConnectionSettings.DeviceAddress:X2}: serial number reads 0.");
            }

            scd.StartPeriodicMeasurement();
            return new SensorConnection(
                async ct =>
                {
                    // Periodic mode makes a measurement every 5 s; the first one 5 s after start.
                    for (var i = 0; !await scd.IsDataReadyAsync(ct).ConfigureAwait(false); i++)
                    {
                        if (i >= 30)
                        {
                            throw new SensorReadException("SCD4x: no measurement ready within 6 s.");
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
                    }

                    var r = await scd.ReadMeasurementAsync(ct).ConfigureAwait(false);
                    return
                    [
                        new("co2", r.Co2Ppm, SenMlUnits.PartsPerMillion),
                        new("temperature", Math.Round(r.TemperatureCelsius, 2), SenMlUnits.Celsius),
                        new("humidity", Math.Round(r.HumidityPercent, 2), SenMlUnits.RelativeHumidity),
                    ];
                },
                device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static ValueTask<SensorConnection> ConnectSoil(SensorDescription d, Func<I2cDevice> open)
    {
        var device = open();
        try
        {
            var probe = new CapacitiveSoilMoistureProbe(new Ads1115(device), d.Channel, d.DryRaw!.Value, d.WetRaw!.Value);
            return ValueTask.FromResult(new SensorConnection(
                async ct =>
                {
                    var r = await probe.ReadAsync(ct).ConfigureAwait(false);
                    return [new("moisture", Math.Round(r.MoisturePercent, 1), SenMlUnits.Percent), new("probe_voltage", Math.Round(r.Volts, 4), SenMlUnits.Volt)];
                },
                device));
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private SensorConnection ConnectFootfall(SensorDescription d, ulong seed)
    {
        var edge = d.ActiveEdge == "rising" ? PinEventTypes.Rising : PinEventTypes.Falling;
        GpioController gpio = d.Simulated ? new SimulatedGpioController() : GpioController.Create(d.GpioChip);
        try
        {
            var counter = new FootfallCounter(gpio, d.Pin!.Value, d.Pin2, edge, TimeSpan.FromMilliseconds(d.DebounceMs), TimeSpan.FromMilliseconds(d.MinPassageMs), TimeSpan.FromMilliseconds(d.DirectionWindowMs));
            IDisposable[] owned = gpio is SimulatedGpioController sim
                ? [gpio, counter, new SimulatedFootfallStimulus(sim, Scenario, d.Pin!.Value, d.Pin2, edge, seed)]
                : [gpio, counter];
            return new SensorConnection(
                _ =>
                {
                    var c = counter.TakeCounts();
                    IReadOnlyList<Quantity> q = counter.HasDirection
                        ? [new("count", c.Passages, SenMlUnits.Count), new("in", c.In, SenMlUnits.Count), new("out", c.Out, SenMlUnits.Count)]
                        : [new("count", c.Passages, SenMlUnits.Count)];
                    return ValueTask.FromResult(q);
                },
                owned);
        }
        catch
        {
            gpio.Dispose();
            throw;
        }
    }

    private static BindingSensor CreateSerial(SensorDescription d, Func<DateTimeOffset> now, FrameCounters frames, Func<ReadOnlyMemory<byte>> simulatedSource, Func<SerialPort, Func<CancellationToken, ValueTask<IReadOnlyList<Quantity>>>> bind) =>
        new(d.Id, d.Kind, now, frames, _ =>
        {
            SerialPort port = d.Simulated
                ? new SimulatedSerialPort(d.SerialPort, d.BaudRate) { Source = simulatedSource }
                : SerialPort.Open(d.SerialPort, d.BaudRate);
            return ValueTask.FromResult(new SensorConnection(bind(port), port));
        });

    private static Func<I2cDevice> I2cFor(SensorDescription d, int defaultAddress, Func<ISimulatedI2cTarget> simulated)
    {
        var settings = new I2cConnectionSettings(d.I2cBus, d.Address ?? defaultAddress);
        ISimulatedI2cTarget? target = null; // one simulated chip per sensor, kept across reconnections
        return () => d.Simulated ? new SimulatedI2cDevice(settings, target ??= simulated()) : I2cDevice.Create(settings);
    }

    private Func<ISimulatedI2cTarget> SimBme280(ulong seed)
    {
        var air = new AirQualityModel(seed);
        return () => new SimulatedBme280(() =>
        {
            var t = Scenario.Now;
            return (air.TemperatureCelsius(t), air.PressurePascal(t), air.HumidityPercent(t));
        });
    }

    private Func<ISimulatedI2cTarget> SimScd4x(ulong seed)
    {
        var air = new AirQualityModel(seed);
        return () => new SimulatedScd4x(() =>
        {
            var t = Scenario.Now;
            return (air.Co2(t), air.TemperatureCelsius(t), air.HumidityPercent(t));
        });
    }

    private Func<ISimulatedI2cTarget> SimAds1115(SensorDescription d, ulong seed)
    {
        var soil = new SoilMoistureModel(seed);
        var dry = d.DryRaw ?? 20_000;
        var wet = d.WetRaw ?? 9_000;
        long n = 0;
        return () => new SimulatedAds1115(channel =>
        {
            if (channel != d.Channel)
            {
                return 0.0; // unconnected input
            }

            var raw = dry - (soil.MoisturePercent(Scenario.Now) / 100.0 * (dry - wet));
            return (raw + (15 * DeterministicNoise.Gaussian(seed, n++))) * 4.096 / 32768.0;
        });
    }

    private Func<ReadOnlyMemory<byte>> SimSource(ulong seed, Func<byte[]> frame) => new SimulatedFrameSource(frame, _simulation.CorruptFrameRate, seed).Next;

    private byte[] SimSds011(ulong seed)
    {
        var air = new AirQualityModel(seed);
        var t = Scenario.Now;
        return Sds011Frame.Encode(air.Pm25(t), air.Pm10(t), (ushort)seed);
    }

    private byte[] SimPms5003(ulong seed)
    {
        var air = new AirQualityModel(seed);
        var t = Scenario.Now;
        return Pms5003Frame.Encode((int)Math.Round(air.Pm1(t)), (int)Math.Round(air.Pm25(t)), (int)Math.Round(air.Pm10(t)));
    }

    private byte[] SimRiver(SensorDescription d, ulong seed)
    {
        var river = new RiverModel(seed);
        var distance = d.DatumMm!.Value - (river.LevelMetres(Scenario.Now) * 1000.0) + (4.0 * DeterministicNoise.Gaussian(seed, Interlocked.Increment(ref _riverDraws)));
        var format = d.Format == "maxbotix" ? UltrasonicFormat.MaxBotix : UltrasonicFormat.A02yyuw;
        return UltrasonicFrame.Encode(format, (int)Math.Round(distance));
    }
}
