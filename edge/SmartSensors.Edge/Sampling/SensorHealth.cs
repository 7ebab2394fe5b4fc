namespace SmartSensors.Edge.Sampling;

/// <summary>One sensor's error state.</summary>
internal sealed class SensorHealth(string sensorId)
{
    private readonly Lock _gate = new();
    private long _errors;
    private int _consecutiveFailures;
    private string? _lastError;

    public string SensorId { get; } = sensorId;

    public long Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors;
            }
        }
    }

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    internal void RecordFailure(string reason)
    {
        lock (_gate)
        {
            _errors++;
            _consecutiveFailures++;
            _lastError = reason;
        }
    }

    internal void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
        }
    }
}
