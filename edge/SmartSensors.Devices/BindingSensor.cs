namespace SmartSensors.Devices;

/// <summary>
/// The <see cref="ISensor"/> the factory returns: opens and initialises the device lazily on the first read, and
/// after a bus-level failure (<see cref="IOException"/>, wrong chip) closes it so the next read starts afresh —
/// a sensor unplugged at start-up or reset by a brown-out recovers without restarting the gateway.
/// </summary>
internal sealed class BindingSensor : ISensor, IFrameCounted
{
    private readonly Func<CancellationToken, ValueTask<SensorConnection>> _connect;
    private readonly Func<DateTimeOffset> _now;
    private readonly IDisposable? _owned;
    private SensorConnection? _connection;
    private bool _disposed;

    public BindingSensor(string id, string kind, Func<DateTimeOffset> now, FrameCounters frames, Func<CancellationToken, ValueTask<SensorConnection>> connect, IDisposable? owned = null)
    {
        Id = id;
        Kind = kind;
        _now = now;
        Frames = frames;
        _connect = connect;
        _owned = owned;
    }

    public string Id { get; }

    public string Kind { get; }

    public FrameCounters Frames { get; }

    /// <summary>True while a device connection is open.</summary>
    public bool IsConnected => _connection is not null;

    public async ValueTask<SensorSample> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _connection ??= await _connect(cancellationToken).ConfigureAwait(false);
            var quantities = await _connection.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new SensorSample(_now(), quantities);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            Disconnect();
            throw new SensorReadException($"Sensor '{Id}' ({Kind}): {ex.Message}", ex);
        }
        catch (SensorReadException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // A read cancelled half-way may leave an I2C command pending; start clean next time.
            Disconnect();
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Disconnect();
        _owned?.Dispose();
    }

    private void Disconnect()
    {
        var c = _connection;
        _connection = null;
        c?.Dispose();
    }
}
