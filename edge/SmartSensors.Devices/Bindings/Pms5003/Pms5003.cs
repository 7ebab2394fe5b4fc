using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Bindings.Pms5003;

/// <summary>
/// Plantower PMS5003 on a UART at 9600 8N1 in its default active mode (a frame every 200-2300 ms depending on
/// concentration). Corrupt frames are skipped and counted in <see cref="Frames"/>.
/// </summary>
public sealed class Pms5003
{
    private readonly SerialFrameReader _reader;

    public Pms5003(SerialPort port, FrameCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _reader = new SerialFrameReader(port, new FrameScanner(Pms5003Frame.Start1, Pms5003Frame.Length, Pms5003Frame.Measure, counters));
    }

    public FrameCounters Frames => _reader.Counters;

    public async ValueTask<Pms5003Reading> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _reader.Flush();
        var frame = new byte[Pms5003Frame.Length];
        while (true)
        {
            var n = await _reader.ReadFrameAsync(frame, timeout, "PMS5003", cancellationToken).ConfigureAwait(false);
            if (Pms5003Frame.TryDecode(frame.AsSpan(0, n), out var reading))
            {
                return reading;
            }
        }
    }
}
