namespace SmartSensors.Devices.Serial;

/// <summary>
/// An in-memory UART. Bytes arrive by <see cref="Inject"/> (tests) or, when the receive buffer is empty,
/// from <see cref="Source"/> — a model of a sensor that streams frames continuously. Bytes the driver writes
/// are kept in <see cref="Written"/>. The receive buffer is bounded (<see cref="Capacity"/>); overflow drops the
/// oldest bytes like a UART FIFO overrun.
/// </summary>
public sealed class SimulatedSerialPort : SerialPort
{
    private readonly Lock _gate = new();
    private readonly Queue<byte> _rx = new();
    private readonly List<byte> _written = [];
    private TaskCompletionSource _dataArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    public SimulatedSerialPort(string portName = "/dev/ttySIM0", int baudRate = 9600)
    {
        PortName = portName;
        BaudRate = baudRate;
    }

    public override string PortName { get; }

    public override int BaudRate { get; }

    /// <summary>Receive buffer bound in bytes (a Linux tty buffers 4 KiB).</summary>
    public int Capacity { get; init; } = 4096;

    /// <summary>Called when the driver reads and nothing is buffered: returns the next bytes the device sends (empty = silent).</summary>
    public Func<ReadOnlyMemory<byte>>? Source { get; set; }

    /// <summary>Bytes dropped because the receive buffer was full.</summary>
    public long Overruns { get; private set; }

    /// <summary>Everything the driver wrote, in order.</summary>
    public IReadOnlyList<byte> Written
    {
        get
        {
            lock (_gate)
            {
                return [.. _written];
            }
        }
    }

    /// <summary>Makes <paramref name="data"/> arrive at the port, as if the device sent it.</summary>
    public void Inject(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            foreach (var b in data)
            {
                if (_rx.Count >= Capacity)
                {
                    _ = _rx.Dequeue();
                    Overruns++;
                }

                _rx.Enqueue(b);
            }

            signal = _dataArrived;
        }

        _ = signal.TrySetResult();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        Task wait;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_rx.Count == 0 && Source is { } source)
            {
                var next = source();
                foreach (var b in next.Span)
                {
                    _rx.Enqueue(b);
                }
            }

            if (_rx.Count > 0)
            {
                return Drain(buffer.Span);
            }

            if (_dataArrived.Task.IsCompleted)
            {
                _dataArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            wait = _dataArrived.Task;
        }

        try
        {
            await wait.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return 0;
        }

        lock (_gate)
        {
            return Drain(buffer.Span);
        }
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _written.AddRange(data);
        }
    }

    public override void DiscardInBuffer()
    {
        lock (_gate)
        {
            _rx.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposed = true;
        }

        base.Dispose(disposing);
    }

    private int Drain(Span<byte> buffer)
    {
        var n = 0;
        while (n < buffer.Length && _rx.Count > 0)
        {
            buffer[n++] = _rx.Dequeue();
        }

        return n;
    }
}
