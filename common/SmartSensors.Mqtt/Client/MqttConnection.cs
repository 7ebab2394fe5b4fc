using System.IO.Pipelines;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Client;

/// <summary>
/// One network connection: the stream, an in-memory output pipe drained to the stream by a send loop (so concurrent
/// writers batch into few socket writes), the write lock, and the per-connection protocol state (inbound ack queue,
/// topic aliases, keep-alive bookkeeping). Session state lives in the client and survives connections.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source is cancelled in Abort but never disposed: loops still observe its token after Abort, and a CancellationTokenSource without a timer holds no unmanaged resource.")]
internal sealed class MqttConnection
{
    private readonly CancellationTokenSource _cts = new();
    // The send loop resumes inline on the thread that flushed (no thread-pool hop per batch: a PUBACK-driven refill goes to the
    // socket from the read loop's own thread). It never takes the write lock, so running it inline cannot deadlock.
    private readonly Pipe _output = new(new PipeOptions(
        readerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 1024 * 1024,
        resumeWriterThreshold: 512 * 1024,
        useSynchronizationContext: false));
    private int _closed;

    public MqttConnection(Stream stream, long epoch, MqttProtocolVersion version)
    {
        Stream = stream;
        Epoch = epoch;
        Version = version;
        LastSent = Environment.TickCount64;
        LastReceived = LastSent;
    }

    public Stream Stream { get; }

    public long Epoch { get; }

    public MqttProtocolVersion Version { get; }

    public CancellationToken Token => _cts.Token;

    public bool IsClosed => Volatile.Read(ref _closed) != 0 || OutputCompleted;

    /// <summary>The output was completed (after a final DISCONNECT): nothing more may be written. Set under <see cref="WriteLock"/>.</summary>
    public bool OutputCompleted { get; private set; }

    /// <summary>Completes the output after everything written so far, and waits (bounded) for the send loop to put it on the wire.</summary>
    public async Task CompleteOutputAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (OutputCompleted)
            {
                return;
            }

            OutputCompleted = true;
            await _output.Writer.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            WriteLock.Release();
        }

        if (SendLoop is { } loop)
        {
            await loop.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Held while encoding into <see cref="Output"/> and flushing it.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public PipeWriter Output => _output.Writer;

    /// <summary>Received QoS 1/2 publishes in arrival order, until acknowledged (lock the queue itself).</summary>
    public Queue<InboundSlot> AckQueue { get; } = new();

    /// <summary>Unacknowledged inbound QoS 1/2 publishes (checked against our Receive Maximum).</summary>
    public int InboundUnacked;

    public bool ReceiveMaximumViolationLogged { get; set; }

    public Dictionary<ushort, string> TopicAliases { get; } = [];

    /// <summary>Topic strings of received messages (read loop only).</summary>
    public TopicStringCache Topics { get; } = new();

    public TaskCompletionSource<ConnAckPacket> ConnAck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ConnAckReceived { get; set; }

    /// <summary>Completes when the connection is closed; the result says why (null for a local, orderly close).</summary>
    public TaskCompletionSource<Exception?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long LastSent;

    public long LastReceived;

    /// <summary>Tick count when an unanswered PINGREQ was sent, or 0.</summary>
    public long PingSentAt;

    /// <summary>DISCONNECT received from the broker.</summary>
    public DisconnectPacket? ServerDisconnect { get; set; }

    /// <summary>Replies produced while handling a batch of packets (written after the batch by the read loop).</summary>
    public List<(MqttPacketType Type, ushort PacketId, MqttReasonCode ReasonCode)> PendingReplies { get; } = [];

    /// <summary>Publishes that got a send-quota slot while handling a batch (written with the replies).</summary>
    public List<OutboundFlight> PromotedPublishes { get; } = [];

    /// <summary>Inbound QoS 2 exchanges completed by a PUBCOMP in <see cref="PendingReplies"/> (signalled once it is flushed).</summary>
    public List<InboundSlot> CompletedByReplies { get; } = [];

    /// <summary>QoS 1/2 messages that did not fit the inbox; the read loop waits for room (TCP back-pressure).</summary>
    public List<MqttReceivedMessage> Overflow { get; } = [];

    public Task? SendLoop { get; private set; }

    public void StartSendLoop() => SendLoop = RunSendLoopAsync();

    /// <summary>Closes the connection (idempotent). Writers see <see cref="IsClosed"/> under the write lock.</summary>
    public void Abort(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _cts.Cancel();
        lock (AckQueue)
        {
            foreach (var slot in AckQueue)
            {
                slot.Complete(false);
            }

            AckQueue.Clear();
        }

        try
        {
            Stream.Dispose();
        }
        catch (IOException)
        {
            // already broken
        }
        catch (ObjectDisposedException)
        {
        }

        Closed.TrySetResult(reason);
        ConnAck.TrySetException(reason ?? new MqttNotConnectedException("The connection closed before CONNACK."));
    }

    private async Task RunSendLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await Stream.WriteAsync(segment, _cts.Token).ConfigureAwait(false);
                }

                await Stream.FlushAsync(_cts.Token).ConfigureAwait(false);
                Volatile.Write(ref LastSent, Environment.TickCount64);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Abort(ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
