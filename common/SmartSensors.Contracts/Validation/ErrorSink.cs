namespace SmartSensors.Contracts;

/// <summary>
/// Collects validation errors with a bound: the first <see cref="MaxDetailed"/> errors are kept; after that an
/// error is kept only if its code has not been seen, so every distinct reason still appears and a hostile pack
/// cannot make the error list grow without bound.
/// </summary>
internal sealed class ErrorSink
{
    public const int MaxDetailed = 100;

    private readonly List<ValidationError> _errors = [];

    public int Count => _errors.Count;

    /// <summary>Every error ever added, including those not kept; use it to tell whether a step added any.</summary>
    public int Total { get; private set; }

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Add(string code, string message, int record = -1)
    {
        Total++;
        if (_errors.Count >= MaxDetailed)
        {
            foreach (var existing in _errors)
            {
                if (ReferenceEquals(existing.Code, code) || existing.Code == code)
                {
                    return;
                }
            }
        }

        _errors.Add(new ValidationError(code, message, record));
    }

    public bool Has(string code)
    {
        foreach (var e in _errors)
        {
            if (e.Code == code)
            {
                return true;
            }
        }

        return false;
    }

    public void Clear()
    {
        _errors.Clear();
        Total = 0;
    }
}
