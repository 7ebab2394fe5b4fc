namespace SmartSensors.Devices.Simulation;

/// <summary>
/// Makes a <see cref="Serial.SimulatedSerialPort.Source"/> for a streaming sensor: each call returns the next frame
/// encoded from a model, and a configurable share of calls send it damaged — a flipped checksum byte, a frame cut
/// short (followed by a good one), or line noise before it — so the real parser's resynchronisation runs in every
/// simulation.
/// </summary>
public sealed class SimulatedFrameSource
{
    private readonly Func<byte[]> _nextFrame;
    private readonly double _corruptRate;
    private readonly ulong _seed;
    private long _index;

    public SimulatedFrameSource(Func<byte[]> nextFrame, double corruptRate, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(nextFrame);
        _nextFrame = nextFrame;
        _corruptRate = Math.Clamp(corruptRate, 0, 1);
        _seed = seed;
    }

    /// <summary>Frames sent damaged so far.</summary>
    public long CorruptedSent { get; private set; }

    public ReadOnlyMemory<byte> Next()
    {
        var i = _index++;
        var frame = _nextFrame();
        if (DeterministicNoise.Uniform(_seed, i) >= _corruptRate)
        {
            return frame;
        }

        CorruptedSent++;
        var damaged = (byte[])frame.Clone();
        switch (DeterministicNoise.Hash(_seed ^ 0xBAD, i) % 3)
        {
            case 0:
                damaged[damaged.Length - 1 - (damaged.Length > 4 ? 1 : 0)] ^= 0x55; // checksum (or tail) wrong
                return damaged;
            case 1:
                return damaged[..(damaged.Length / 2)].Concat(_nextFrame()).ToArray(); // truncated, then a good frame
            default:
                byte[] noise = [0x00, 0x13, 0xFE, 0x7F, 0x20];
                return noise.Concat(damaged).ToArray(); // garbage, then the frame
        }
    }
}
