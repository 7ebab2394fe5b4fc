namespace SmartSensors.Devices.Bindings.Scd4x;

/// <summary>
/// Sensirion SCD40/SCD41 CO₂ sensor on I2C (0x62). Every 16-bit word on the wire is followed by its CRC-8; a word
/// with a bad CRC fails the read (counted in <see cref="CrcErrors"/>). Delays follow the datasheet's execution
/// times (1 ms for reads, 500 ms after stop).
/// </summary>
public sealed class Scd4x
{
    public const int DefaultAddress = 0x62;
    private readonly I2c.I2cDevice _device;
    private readonly TimeProvider _time;
    private readonly FrameCounters _counters;

    /// <param name="counters">Where CRC failures (as corrupt frames) and good responses are counted, or null for a private set.</param>
    public Scd4x(I2c.I2cDevice device, TimeProvider? timeProvider = null, FrameCounters? counters = null)
    {
        _counters = counters ?? new FrameCounters();
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Responses with a CRC mismatch.</summary>
    public long CrcErrors => _counters.CorruptFrames;

    /// <summary>True once <see cref="StartPeriodicMeasurement"/> was sent.</summary>
    public bool IsMeasuring { get; private set; }

    public void StartPeriodicMeasurement()
    {
        SendCommand(Scd4xCommand.StartPeriodicMeasurement);
        IsMeasuring = true;
    }

    public async ValueTask StopPeriodicMeasurementAsync(CancellationToken cancellationToken)
    {
        SendCommand(Scd4xCommand.StopPeriodicMeasurement);
        IsMeasuring = false;
        await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The 48-bit serial number (chip identity: only a real SCD4x answers it with valid CRCs). Only valid while idle.</summary>
    public async ValueTask<ulong> ReadSerialNumberAsync(CancellationToken cancellationToken)
    {
        var words = await ReadWordsAsync(Scd4xCommand.GetSerialNumber, 3, cancellationToken).ConfigureAwait(false);
        return ((ulong)words[0] << 32) | ((ulong)words[1] << 16) | words[2];
    }

    public async ValueTask<bool> IsDataReadyAsync(CancellationToken cancellationToken)
    {
        var words = await ReadWordsAsync(Scd4xCommand.GetDataReadyStatus, 1, cancellationToken).ConfigureAwait(false);
        return (words[0] & 0x07FF) != 0;
    }

    public async ValueTask<Scd4xReading> ReadMeasurementAsync(CancellationToken cancellationToken)
    {
        var words = await ReadWordsAsync(Scd4xCommand.ReadMeasurement, 3, cancellationToken).ConfigureAwait(false);
        return Convert(words[0], words[1], words[2]);
    }

    /// <summary>Datasheet conversion: CO₂ = word; T = −45 + 175·w/65535; RH = 100·w/65535.</summary>
    public static Scd4xReading Convert(ushort co2, ushort temperature, ushort humidity) =>
        new(co2, -45.0 + (175.0 * temperature / 65535.0), 100.0 * humidity / 65535.0);

    /// <summary>Splits a response into words, checking every CRC. False if any CRC is wrong.</summary>
    public static bool TryDecodeWords(ReadOnlySpan<byte> response, Span<ushort> words)
    {
        if (response.Length != words.Length * 3)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            var chunk = response.Slice(i * 3, 3);
            if (SensirionCrc8.Compute(chunk[..2]) != chunk[2])
            {
                return false;
            }

            words[i] = (ushort)((chunk[0] << 8) | chunk[1]);
        }

        return true;
    }

    private void SendCommand(Scd4xCommand command) => _device.Write([(byte)((ushort)command >> 8), (byte)command]);

    private async ValueTask<ushort[]> ReadWordsAsync(Scd4xCommand command, int count, CancellationToken cancellationToken)
    {
        SendCommand(command);
        await Task.Delay(TimeSpan.FromMilliseconds(1), _time, cancellationToken).ConfigureAwait(false);
        var response = new byte[count * 3];
        _device.Read(response);
        var words = new ushort[count];
        if (!TryDecodeWords(response, words))
        {
            _counters.AddCorrupt();
            throw new SensorReadException($"SCD4x at 0x{_device.ConnectionSettings.DeviceAddress:X2}: CRC mismatch in the response to {command} ({System.Convert.ToHexString(response)}).");
        }

        _counters.AddValid();
        return words;
    }
}
