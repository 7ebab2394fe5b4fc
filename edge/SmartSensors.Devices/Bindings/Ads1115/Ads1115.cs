namespace SmartSensors.Devices.Bindings.Ads1115;

/// <summary>
/// TI ADS1115 16-bit ADC on I2C (0x48-0x4B), single-ended single-shot conversions at 128 SPS.
/// The chip has no identity register; the constructor checks presence by writing the config register and reading
/// it back.
/// </summary>
public sealed class Ads1115
{
    public const int DefaultAddress = 0x48;
    internal const ushort OsBit = 0x8000;
    internal const ushort ModeSingleShot = 0x0100;
    internal const ushort DataRate128 = 0b100 << 5;
    internal const ushort ComparatorDisabled = 0b11;

    private readonly I2c.I2cDevice _device;
    private readonly TimeProvider _time;

    public Ads1115(I2c.I2cDevice device, Ads1115Range range = Ads1115Range.PlusMinus4096mV, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _time = timeProvider ?? TimeProvider.System;
        Range = range;

        var probe = ConfigWord(0, range, start: false);
        WriteRegister(Ads1115Register.Config, probe);
        var back = ReadRegister(Ads1115Register.Config);
        if ((back & 0x7FFF) != (probe & 0x7FFF))
        {
            throw new InvalidOperationException($"No ADS1115 at 0x{device.ConnectionSettings.DeviceAddress:X2} on bus {device.ConnectionSettings.BusId}: config register wrote 0x{probe:X4}, read back 0x{back:X4}.");
        }
    }

    public Ads1115Range Range { get; }

    /// <summary>Full-scale voltage of a range.</summary>
    public static double FullScaleVolts(Ads1115Range range) => range switch
    {
        Ads1115Range.PlusMinus6144mV => 6.144,
        Ads1115Range.PlusMinus4096mV => 4.096,
        Ads1115Range.PlusMinus2048mV => 2.048,
        Ads1115Range.PlusMinus1024mV => 1.024,
        Ads1115Range.PlusMinus512mV => 0.512,
        _ => 0.256,
    };

    /// <summary>V = raw × FSR / 32768 (±4.096 V: 125 µV per count).</summary>
    public static double ToVolts(short raw, Ads1115Range range) => raw * FullScaleVolts(range) / 32768.0;

    /// <summary>Config word for a single-ended single-shot conversion of AIN<paramref name="channel"/> against GND.</summary>
    public static ushort ConfigWord(int channel, Ads1115Range range, bool start)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)channel, 3u, nameof(channel));
        var mux = (ushort)((0b100 + channel) << 12);                     // MUX 100..111: AINn vs GND
        var pga = (ushort)((int)range << 9);
        return (ushort)((start ? OsBit : 0) | mux | pga | ModeSingleShot | DataRate128 | ComparatorDisabled);
    }

    /// <summary>One single-shot conversion of AIN<paramref name="channel"/> (raw signed count).</summary>
    public async ValueTask<short> ReadRawAsync(int channel, CancellationToken cancellationToken)
    {
        WriteRegister(Ads1115Register.Config, ConfigWord(channel, Range, start: true));

        // 128 SPS: a conversion takes ~7.8 ms. OS reads 1 when no conversion is in progress.
        for (var attempt = 0; ; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(attempt == 0 ? 8 : 2), _time, cancellationToken).ConfigureAwait(false);
            if ((ReadRegister(Ads1115Register.Config) & OsBit) != 0)
            {
                break;
            }

            if (attempt >= 25)
            {
                throw new SensorReadException($"ADS1115 at 0x{_device.ConnectionSettings.DeviceAddress:X2}: conversion did not complete.");
            }
        }

        return (short)ReadRegister(Ads1115Register.Conversion);
    }

    private void WriteRegister(Ads1115Register register, ushort value) =>
        _device.Write([(byte)register, (byte)(value >> 8), (byte)value]);

    private ushort ReadRegister(Ads1115Register register)
    {
        Span<byte> b = stackalloc byte[2];
        _device.WriteRead([(byte)register], b);
        return (ushort)((b[0] << 8) | b[1]);
    }
}
