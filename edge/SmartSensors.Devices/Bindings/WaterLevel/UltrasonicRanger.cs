using SmartSensors.Devices.Serial;

namespace SmartSensors.Devices.Bindings.WaterLevel;

/// <summary>
/// A serial ultrasonic distance sensor (A02YYUW / JSN-SR04T or MaxBotix) at 9600 8N1. Corrupt frames are skipped
/// and counted in <see cref="Frames"/>; readings outside the sensor's range (no echo, blind zone) are skipped and
/// counted in <see cref="OutOfRangeReadings"/>.
/// </summary>
public sealed class UltrasonicRanger
{
    private readonly SerialFrameReader _reader;
    private readonly UltrasonicFormat _format;
    private long _outOfRange;

    public UltrasonicRanger(SerialPort port, UltrasonicFormat format, FrameCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _format = format;
        var scanner = format == UltrasonicFormat.A02yyuw
            ? new FrameScanner(UltrasonicFrame.A02Head, UltrasonicFrame.A02Length, UltrasonicFrame.MeasureA02, counters)
            : new FrameScanner(UltrasonicFrame.MaxBotixHead, UltrasonicFrame.MaxBotixLength, UltrasonicFrame.MeasureMaxBotix, counters);
        _reader = new SerialFrameReader(port, scanner);
    }

    public FrameCounters Frames => _reader.Counters;

    public long OutOfRangeReadings => Interlocked.Read(ref _outOfRange);

    /// <summary>Next in-range distance in mm, from fresh input.</summary>
    public async ValueTask<int> ReadDistanceAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _reader.Flush();
        var frame = new byte[UltrasonicFrame.MaxBotixLength];
        while (true)
        {
            var n = await _reader.ReadFrameAsync(frame, timeout, _format.ToString(), cancellationToken).ConfigureAwait(false);
            if (!UltrasonicFrame.TryDecode(_format, frame.AsSpan(0, n), out var mm))
            {
                continue;
            }

            if (mm < UltrasonicFrame.MinRangeMm(_format) || mm > UltrasonicFrame.MaxRangeMm(_format))
            {
                _ = Interlocked.Increment(ref _outOfRange);
                continue;
            }

            return mm;
        }
    }
}
