using SmartSensors.Devices.Bindings.Ads1115;
using SmartSensors.Devices.I2c;

namespace SmartSensors.Devices.Simulation;

/// <summary>
/// An ADS1115: 16-bit pointer-addressed registers; writing config with OS=1 starts a single-shot conversion of the
/// selected single-ended input, whose voltage comes from a model. The conversion reports busy (OS=0) for the
/// first config read after a start, so the driver's polling path runs.
/// </summary>
public sealed class SimulatedAds1115 : ISimulatedI2cTarget
{
    private const ushort PowerOnConfig = 0x8583;
    private readonly Func<int, double> _volts;
    private readonly ushort[] _registers = [0, PowerOnConfig, 0x8000, 0x7FFF];
    private int _pointer;
    private int _busyReads;

    /// <param name="voltsOnChannel">Voltage on AIN0..3 at the moment of conversion.</param>
    public SimulatedAds1115(Func<int, double> voltsOnChannel)
    {
        ArgumentNullException.ThrowIfNull(voltsOnChannel);
        _volts = voltsOnChannel;
    }

    public int Conversions { get; private set; }

    public void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _pointer = data[0] & 0x03;
        if (data.Length < 3)
        {
            return;
        }

        var value = (ushort)((data[1] << 8) | data[2]);
        if (_pointer != (int)Ads1115Register.Config)
        {
            _registers[_pointer] = value;
            return;
        }

        _registers[1] = (ushort)(value & 0x7FFF);
        if ((value & Ads1115.OsBit) != 0)
        {
            Convert(value);
        }
        else
        {
            _registers[1] |= Ads1115.OsBit; // idle
        }
    }

    public void OnRead(Span<byte> buffer)
    {
        var value = _registers[_pointer];
        if (_pointer == (int)Ads1115Register.Config && _busyReads > 0)
        {
            _busyReads--;
            value = (ushort)(value & 0x7FFF);
            if (_busyReads == 0)
            {
                _registers[1] |= Ads1115.OsBit;
            }
        }

        if (buffer.Length > 0)
        {
            buffer[0] = (byte)(value >> 8);
        }

        if (buffer.Length > 1)
        {
            buffer[1] = (byte)value;
        }
    }

    private void Convert(ushort config)
    {
        var mux = (config >> 12) & 0b111;
        var pga = (Ads1115Range)Math.Min((config >> 9) & 0b111, 5);
        var channel = mux >= 0b100 ? mux - 0b100 : 0;
        var raw = Math.Round(_volts(channel) / Ads1115.FullScaleVolts(pga) * 32768.0);
        _registers[0] = (ushort)(short)Math.Clamp(raw, short.MinValue, short.MaxValue);
        _busyReads = 1;
        Conversions++;
    }
}
