namespace SmartSensors.Benchmarks.Fleet;

/// <summary>Follows the probe's stats file as the ingest process appends to it.</summary>
internal sealed class ProbeLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamReader _reader;
    private readonly List<ProbeSample> _samples = [];
    private string _partial = "";

    public ProbeLog(string path)
    {
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        _reader = new StreamReader(_stream);
    }

    public IReadOnlyList<ProbeSample> Samples => _samples;

    public ProbeSample? Latest => _samples.Count == 0 ? null : _samples[^1];

    /// <summary>Reads whatever was appended since the last call.</summary>
    public ProbeSample? Poll()
    {
        var text = _partial + _reader.ReadToEnd();
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            _partial = text;
            return Latest;
        }

        _partial = text[(lastNewline + 1)..];
        foreach (var line in text[..lastNewline].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ProbeSample.TryParse(line.TrimEnd('\r')) is { } sample)
            {
                _samples.Add(sample);
            }
        }

        return Latest;
    }

    /// <summary>The first sample taken at or after <paramref name="time"/> (the latest if none is yet).</summary>
    public ProbeSample? At(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        foreach (var sample in _samples)
        {
            if (sample.UnixMilliseconds >= ms)
            {
                return sample;
            }
        }

        return Latest;
    }

    /// <summary>Samples taken between two moments (inclusive).</summary>
    public IEnumerable<ProbeSample> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var a = from.ToUnixTimeMilliseconds();
        var b = to.ToUnixTimeMilliseconds();
        return _samples.Where(s => s.UnixMilliseconds >= a && s.UnixMilliseconds <= b);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
