using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Bindings.Sds011;

/// <summary>
/// Nova SDS011 PM2.5/PM10 sensor on a UART at 9600 8N1, in its factory default active mode (one data frame per
/// second). A read discards stale input and returns the next valid data frame; corrupt frames are skipped and
/// counted in <see cref="Frames"/>.
/// </summary>
public sealed class Sds011
{
    private readonly SerialFrameReader _reader;

    public Sds011(SerialPort port, FrameCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _reader = new SerialFrameReader(port, new FrameScanner(Sds011Frame.Head, Sds011Frame.Length, Sds011Frame.Measure, counters));
    }

    public FrameCounters Frames => _reader.Counters;

    /// <summary>Waits up to <paramref name="timeout"/> for a valid data frame.</summary>
    public async ValueTask<Sds011Reading> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _reader.Flush();
        var frame = new byte[Sds011Frame.Length];
        while (true)
        {
            var n = await _reader.ReadFrameAsync(frame, timeout, "SDS011", cancellationToken).ConfigureAwait(false);
            if (Sds011Frame.TryDecode(frame.AsSpan(0, n), out var reading))
            {
                return reading;
            }

            // a valid command reply (AA C5): not data; keep reading
        }
    }
}
