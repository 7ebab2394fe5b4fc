namespace SmartSensors.Mqtt.Client;

/// <summary>
/// The send quota of MQTT 5.0 section 4.9: how many QoS 1/2 publishes may be unacknowledged at once (the broker's
/// Receive Maximum). Waiters are served in FIFO order, so publish order is kept.
/// </summary>
internal sealed class SendQuota
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private int _maximum;
    private int _inUse;

    public SendQuota(int maximum) => _maximum = maximum;

    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse;
            }
        }
    }

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_inUse < _maximum && _waiters.Count == 0)
            {
                _inUse++;
                return ValueTask.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.AddLast(waiter);
        }

        return new ValueTask(WaitAsync(waiter, cancellationToken));
    }

    public void Release()
    {
        lock (_lock)
        {
            _inUse = Math.Max(0, _inUse - 1);
            GrantLocked();
        }
    }

    /// <summary>New connection: the broker's Receive Maximum may have changed; <paramref name="inUse"/> publishes are resent.</summary>
    public void Reset(int maximum, int inUse)
    {
        lock (_lock)
        {
            _maximum = maximum;
            _inUse = inUse;
            GrantLocked();
        }
    }

    private void GrantLocked()
    {
        while (_inUse < _maximum && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult())
            {
                _inUse++;
            }
        }
    }

    private async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (!waiter.TrySetCanceled(cancellationToken))
                {
                    // Granted concurrently: give the slot back.
                    _inUse = Math.Max(0, _inUse - 1);
                    GrantLocked();
                }
                else
                {
                    _waiters.Remove(waiter);
                }
            }

            throw;
        }
    }
}
