using SmartSensors.Devices.Bindings.Scd4x;
using SmartSensors.Devices.I2c;

namespace SmartSensors.Devices.Simulation;

/// <summary>
/// An SCD4x command interpreter: start/stop periodic measurement, data-ready, serial number and read measurement,
/// each response word followed by its Sensirion CRC. Measurements come from a model; <see cref="CorruptNextResponse"/>
/// flips a CRC to test error handling. Like the chip, it answers a read with nothing valid when no command is pending.
/// </summary>
public sealed class SimulatedScd4x : ISimulatedI2cTarget
{
    private readonly Func<(double Co2Ppm, double TemperatureCelsius, double HumidityPercent)> _model;
    private ushort[] _pending = [];
    private bool _hasFreshMeasurement;

    public SimulatedScd4x(Func<(double Co2Ppm, double TemperatureCelsius, double HumidityPercent)> model, ulong serialNumber = 0x0000_F896_9F07_3B3C)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        SerialNumber = serialNumber & 0xFFFF_FFFF_FFFF;
    }

    public ulong SerialNumber { get; }

    public bool PeriodicMeasurementRunning { get; private set; }

    /// <summary>When false, data-ready reports "not ready" (as during the 5 s after start).</summary>
    public bool DataReady { get; set; } = true;

    public bool CorruptNextResponse { get; set; }

    /// <summary>Commands received, in order.</summary>
    public List<ushort> Commands { get; } = [];

    public void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return;
        }

        var command = (ushort)((data[0] << 8) | data[1]);
        Commands.Add(command);
        _pending = [];
        switch ((Scd4xCommand)command)
        {
            case Scd4xCommand.StartPeriodicMeasurement:
                PeriodicMeasurementRunning = true;
                _hasFreshMeasurement = true;
                break;
            case Scd4xCommand.StopPeriodicMeasurement:
                PeriodicMeasurementRunning = false;
                break;
            case Scd4xCommand.GetSerialNumber when !PeriodicMeasurementRunning:
                _pending = [(ushort)(SerialNumber >> 32), (ushort)(SerialNumber >> 16), (ushort)SerialNumber];
                break;
            case Scd4xCommand.GetDataReadyStatus:
                _pending = [(ushort)(PeriodicMeasurementRunning && DataReady && _hasFreshMeasurement ? 0x8006 : 0x8000)];
                break;
            case Scd4xCommand.ReadMeasurement when PeriodicMeasurementRunning:
                var (co2, t, rh) = _model();
                _pending =
                [
                    (ushort)Math.Clamp(Math.Round(co2), 0, 40_000),
                    (ushort)Math.Clamp(Math.Round((t + 45.0) * 65535.0 / 175.0), 0, 65535),
                    (ushort)Math.Clamp(Math.Round(rh * 65535.0 / 100.0), 0, 65535),
                ];
                break;
        }
    }

    public void OnRead(Span<byte> buffer)
    {
        buffer.Fill(0xFF); // an idle bus reads high
        for (var i = 0; i < _pending.Length && (i * 3) + 2 < buffer.Length; i++)
        {
            var w = _pending[i];
            buffer[i * 3] = (byte)(w >> 8);
            buffer[(i * 3) + 1] = (byte)w;
            buffer[(i * 3) + 2] = SensirionCrc8.Compute(w);
        }

        if (CorruptNextResponse && _pending.Length > 0)
        {
            buffer[2] ^= 0x5A;
            CorruptNextResponse = false;
        }

        _pending = [];
    }
}
