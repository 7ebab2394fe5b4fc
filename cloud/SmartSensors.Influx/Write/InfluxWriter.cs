using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Influx.Write;

/// <summary>
/// Batches line protocol and writes it to InfluxDB, reporting per enqueued item whether it is durably stored.
/// </summary>
/// <remarks>
/// <para>Stages: callers → bounded item channel (<see cref="BoundedChannelFullMode.Wait"/>: a full queue makes
/// <see cref="EnqueueAsync"/> wait) → batcher (cuts a batch at <see cref="InfluxWriterOptions.BatchPoints"/> lines,
/// <see cref="InfluxWriterOptions.BatchBytes"/> bytes or <see cref="InfluxWriterOptions.FlushInterval"/>) → bounded
/// batch channel → <see cref="InfluxWriterOptions.MaxConcurrentRequests"/> senders on one keep-alive HTTP connection
/// pool. With one sender (the default) requests are sent one at a time, in order, so a later write of the same series
/// and timestamp wins as it should; with more, batches overlap and complete in any order.</para>
/// <para>Errors: 5xx, 429, 408, timeouts and refused connections are retried with exponential backoff (with jitter),
/// honouring <c>Retry-After</c>. A 400/422 about lines (parse error, field-type conflict, partial write) and 413 split
/// the batch in halves until the bad lines are isolated; the good lines are written and the bad ones reported with
/// InfluxDB's own message. InfluxDB is idempotent per series and timestamp, so re-sending the good half of a partial
/// write stores nothing twice. 401/403/404 and other 400s are configuration errors: logged as errors and retried
/// slowly (<see cref="InfluxWriterOptions.ConfigurationErrorRetryDelay"/>) instead of dropping data.</para>
/// <para>Every item is reported exactly once: to the <c>onCompleted</c> callback for <see cref="EnqueueAsync"/> /
/// <see cref="TryEnqueue"/>, or through the task of <see cref="WriteAsync"/>. Acknowledge upstream only on
/// <see cref="WriteStatus.Written"/> or <see cref="WriteStatus.Rejected"/> (dead-letter the latter).</para>
/// </remarks>
public sealed class InfluxWriter : IAsyncDisposable
{
    private const int MaxLoggedLineLength = 512;
    private readonly InfluxWriterOptions _options;
    private readonly InfluxHttpConnection _connection;
    private readonly InfluxWriteSender _sender;
    private readonly Action<WriteOutcome>? _onCompleted;
    private readonly ILogger _logger;
    private readonly InfluxWriterMetrics _metrics;
    private readonly Channel<PendingItem> _items;
    private readonly Channel<WriteBatch> _batches;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _batchLoop;
    private readonly Task _sendLoop;
    private int _disposed;

    /// <summary>Creates and starts the writer.</summary>
    /// <param name="connection">Where to write (validated).</param>
    /// <param name="options">Batching and retry settings (validated).</param>
    /// <param name="onCompleted">Called once per item enqueued with <see cref="EnqueueAsync"/> or <see cref="TryEnqueue"/>,
    /// on the writer's thread: keep it short and non-blocking. Exceptions it throws are logged.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="meterFactory">Meter factory for the <c>SmartSensors.Influx</c> meter.</param>
    /// <param name="httpHandler">HTTP handler to use instead of the writer's own <see cref="SocketsHttpHandler"/> (not disposed).</param>
    public InfluxWriter(
        InfluxConnectionOptions connection,
        InfluxWriterOptions options,
        Action<WriteOutcome>? onCompleted = null,
        ILogger<InfluxWriter>? logger = null,
        IMeterFactory? meterFactory = null,
        HttpMessageHandler? httpHandler = null)
    {
        OptionsValidation.ThrowIfInvalid(options);
        _options = options;
        _connection = new InfluxHttpConnection(connection, httpHandler);
        _sender = new InfluxWriteSender(_connection, options);
        _onCompleted = onCompleted;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _items = Channel.CreateBounded<PendingItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _batches = Channel.CreateBounded<WriteBatch>(new BoundedChannelOptions(options.MaxConcurrentRequests)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.MaxConcurrentRequests == 1,
            SingleWriter = true,
        });
        _metrics = new InfluxWriterMetrics(meterFactory, () => _items.Reader.Count);
        InfluxWriterLog.Started(_logger, _sender.WriteUri, options.BatchPoints, options.BatchBytes, options.FlushInterval, options.Gzip);
        _batchLoop = Task.Run(BatchLoopAsync);
        _sendLoop = options.MaxConcurrentRequests == 1
            ? Task.Run(SendLoopAsync)
            : Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentRequests).Select(_ => Task.Run(SendLoopAsync)));
    }

    /// <summary>The timestamp unit the lines must use.</summary>
    public LinePrecision Precision => _options.Precision;

    /// <summary>Items waiting to be batched.</summary>
    public int QueueLength => _items.Reader.Count;

    /// <summary>A line-protocol writer for <paramref name="buffer"/> with this writer's precision and unsigned setting.</summary>
    public LineProtocolWriter CreateLineWriter(LineProtocolBuffer buffer) => new(buffer, _options.Precision, _options.UnsignedIntegers);

    /// <summary>
    /// Queues complete lines (one item, reported once to the <c>onCompleted</c> callback with <paramref name="state"/>).
    /// Waits while the queue is full. The bytes are copied; the caller may reuse its buffer when this returns.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, too large (MaxItemBytes) or containing an empty line.</exception>
    /// <exception cref="InvalidOperationException">The writer is stopped.</exception>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<byte> lines, object? state, CancellationToken cancellationToken)
    {
        PendingItem item = CreateItem(lines.Span, state, null);
        await WriteItemAsync(item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues complete lines without waiting; false (nothing queued) when the queue is full.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> lines, object? state)
    {
        ThrowIfStopped();
        PendingItem item = CreateItem(lines.Span, state, null);
        if (_items.Writer.TryWrite(item))
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(item.Rented!);
        return false;
    }

    /// <summary>Queues complete lines and waits until they are written, rejected or failed.
    /// Cancelling stops the waiting, not the write.</summary>
    public async Task<WriteOutcome> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        PendingItem item = CreateItem(lines.Span, null, completion);
        await WriteItemAsync(item, cancellationToken).ConfigureAwait(false);
        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what is queued now without waiting for the flush interval, and waits until every item queued
    /// before this call has been reported.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WriteItemAsync(new PendingItem(null, 0, 0, null, null, completion), cancellationToken).ConfigureAwait(false);
        await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting items, writes what is queued (up to ShutdownTimeout) and reports the rest as failed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _items.Writer.TryComplete();
        Task loops = Task.WhenAll(_batchLoop, _sendLoop);
        try
        {
            await loops.WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // fall through: cancel what is still being written
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await loops.ConfigureAwait(false);

        int left = 0;
        while (_items.Reader.TryRead(out PendingItem item))
        {
            if (item.Rented is not null)
            {
                ArrayPool<byte>.Shared.Return(item.Rented);
            }

            Complete(new BatchItem(0, item.LineCount, item.State, item.Completion, item.FlushCompletion), WriteStatus.Failed, StoppedMessage, null);
            left++;
        }

        if (left > 0)
        {
            InfluxWriterLog.StoppedWithPending(_logger, left);
        }

        _sender.Dispose();
        _connection.Dispose();
        _metrics.Dispose();
        _stopping.Dispose();
    }

    private const string StoppedMessage = "the writer stopped before InfluxDB confirmed the write";

    private void ThrowIfStopped()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new InvalidOperationException("The InfluxDB writer is stopped.");
        }
    }

    private async ValueTask WriteItemAsync(PendingItem item, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        try
        {
            await _items.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            if (item.Rented is not null)
            {
                ArrayPool<byte>.Shared.Return(item.Rented);
            }

            if (ex is ChannelClosedException)
            {
                throw new InvalidOperationException("The InfluxDB writer is stopped.", ex);
            }

            throw;
        }
    }

    private PendingItem CreateItem(ReadOnlySpan<byte> lines, object? state, TaskCompletionSource<WriteOutcome>? completion)
    {
        if (lines.IsEmpty)
        {
            throw new ArgumentException("No lines to write.", nameof(lines));
        }

        bool needsNewline = lines[^1] != (byte)'\n';
        int length = lines.Length + (needsNewline ? 1 : 0);
        if (length > _options.MaxItemBytes)
        {
            throw new ArgumentException(
                $"An item of {length} bytes exceeds Influx:Writer:MaxItemBytes ({_options.MaxItemBytes}); enqueue fewer lines at a time.", nameof(lines));
        }

        if (lines[0] == (byte)'\n' || lines.IndexOf("\n\n"u8) >= 0)
        {
            throw new ArgumentException("The lines contain an empty line.", nameof(lines));
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        lines.CopyTo(rented);
        if (needsNewline)
        {
            rented[lines.Length] = (byte)'\n';
        }

        int lineCount = rented.AsSpan(0, length).Count((byte)'\n');
        return new PendingItem(rented, length, lineCount, state, completion, null);
    }

    private WriteBatch NewBatch() => new(Math.Min(_options.BatchBytes + _options.MaxItemBytes, 1024 * 1024));

    private async Task BatchLoopAsync()
    {
        ChannelReader<PendingItem> reader = _items.Reader;
        WriteBatch? batch = null;
        // Cancelled when the open batch is due (FlushInterval after its first item): one timer per batch, not per wait.
        CancellationTokenSource? due = null;
        try
        {
            while (true)
            {
                if (reader.TryRead(out PendingItem item))
                {
                    if (item.FlushCompletion is not null)
                    {
                        if (batch is not null)
                        {
                            WriteBatch full = batch;
                            batch = null;
                            EndDue(ref due);
                            await HandOffAsync(full).ConfigureAwait(false);
                        }

                        var marker = NewBatch();
                        marker.Add(item, Stopwatch.GetTimestamp());
                        await HandOffAsync(marker).ConfigureAwait(false);
                        continue;
                    }

                    batch ??= NewBatch();
                    batch.Add(item, Stopwatch.GetTimestamp());
                    ArrayPool<byte>.Shared.Return(item.Rented!);
                    if (batch.LineCount >= _options.BatchPoints || batch.Buffer.Length >= _options.BatchBytes)
                    {
                        WriteBatch full = batch;
                        batch = null;
                        EndDue(ref due);
                        await HandOffAsync(full).ConfigureAwait(false);
                    }

                    continue;
                }

                if (batch is null)
                {
                    if (!await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                TimeSpan remaining = _options.FlushInterval - Stopwatch.GetElapsedTime(batch.FirstItemTimestamp);
                if (remaining > TimeSpan.Zero && due is null)
                {
                    due = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                    due.CancelAfter(remaining);
                }

                if (remaining <= TimeSpan.Zero || !await WaitForItemAsync(reader, due!.Token).ConfigureAwait(false))
                {
                    WriteBatch ready = batch;
                    batch = null;
                    EndDue(ref due);
                    await HandOffAsync(ready).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // stopping: what is left is reported as failed
        }
        finally
        {
            EndDue(ref due);
            if (batch is not null)
            {
                CompleteAll(batch, WriteStatus.Failed, StoppedMessage);
                batch.Dispose();
            }

            _batches.Writer.TryComplete();
        }
    }

    private static void EndDue(ref CancellationTokenSource? due)
    {
        due?.Dispose();
        due = null;
    }

    /// <summary>Waits for an item; false when <paramref name="due"/> fires first (or the queue is completed).</summary>
    private async ValueTask<bool> WaitForItemAsync(ChannelReader<PendingItem> reader, CancellationToken due)
    {
        try
        {
            return await reader.WaitToReadAsync(due).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task HandOffAsync(WriteBatch batch)
    {
        try
        {
            await _batches.Writer.WriteAsync(batch, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            CompleteAll(batch, WriteStatus.Failed, StoppedMessage);
            batch.Dispose();
            throw;
        }
    }

    private async Task SendLoopAsync()
    {
        // Not cancelled: after stopping, the remaining batches are drained and fail fast.
        await foreach (WriteBatch batch in _batches.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                CompleteAll(batch, WriteStatus.Failed, StoppedMessage);
            }
#pragma warning disable CA1031 // The send loop must survive anything one batch throws; its items are reported failed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CompleteAll(batch, WriteStatus.Failed, ex.Message);
            }
            finally
            {
                batch.Dispose();
            }
        }
    }

    private async Task WriteBatchAsync(WriteBatch batch)
    {
        if (batch.LineCount == 0)
        {
            CompleteAll(batch, WriteStatus.Written, null);
            return;
        }

        long started = Stopwatch.GetTimestamp();
        ReadOnlyMemory<byte> payload = batch.Buffer.WrittenMemory;
        SendResult result = await SendWithRetryAsync(payload).ConfigureAwait(false);
        if (result.Kind == SendResultKind.Success)
        {
            _metrics.PointsWritten.Add(batch.LineCount);
            _metrics.Batches.Add(1);
            _metrics.BatchLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            CompleteAll(batch, WriteStatus.Written, null);
            return;
        }

        if (result.Kind != SendResultKind.LinesRejected)
        {
            CompleteAll(batch, WriteStatus.Failed, result.Message);
            return;
        }

        InfluxWriterLog.Bisecting(_logger, batch.LineCount, result.StatusCode, result.Message);
        int[] starts = batch.LineStarts();
        var lineErrors = new string?[batch.LineCount];
        var lineFailed = new bool[batch.LineCount];
        await BisectAsync(batch, starts, 0, batch.LineCount, result, lineErrors, lineFailed).ConfigureAwait(false);

        int written = 0;
        foreach (BatchItem item in batch.Items)
        {
            List<RejectedLine>? rejected = null;
            string? failure = null;
            for (int line = item.FirstLine; line < item.FirstLine + item.LineCount; line++)
            {
                if (lineFailed[line])
                {
                    failure ??= lineErrors[line];
                }
                else if (lineErrors[line] is { } error)
                {
                    (rejected ??= []).Add(new RejectedLine(LineText(batch, starts, line, int.MaxValue), error, line - item.FirstLine));
                }
                else
                {
                    written++;
                }
            }

            if (failure is not null)
            {
                Complete(item, WriteStatus.Failed, failure, null);
            }
            else if (rejected is not null)
            {
                Complete(item, WriteStatus.Rejected, rejected[0].Error, rejected);
            }
            else
            {
                Complete(item, WriteStatus.Written, null, null);
            }
        }

        _metrics.PointsWritten.Add(written);
        _metrics.Batches.Add(1);
        _metrics.BatchLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Lines [from, to) were refused as a whole with <paramref name="failure"/>: send each half on its own
    /// until every refused line stands alone.</summary>
    private async Task BisectAsync(WriteBatch batch, int[] starts, int from, int to, SendResult failure, string?[] lineErrors, bool[] lineFailed)
    {
        if (to - from == 1)
        {
            string error = failure.Message ?? $"HTTP {failure.StatusCode}";
            lineErrors[from] = error;
            _metrics.LinesRejected.Add(1);
            InfluxWriterLog.LineRejected(_logger, error, LineText(batch, starts, from, MaxLoggedLineLength));
            return;
        }

        int middle = from + ((to - from) / 2);
        foreach ((int a, int b) in new[] { (from, middle), (middle, to) })
        {
            ReadOnlyMemory<byte> part = batch.Buffer.WrittenMemory[starts[a]..starts[b]];
            SendResult result = await SendWithRetryAsync(part).ConfigureAwait(false);
            switch (result.Kind)
            {
                case SendResultKind.Success:
                    break;
                case SendResultKind.LinesRejected:
                    await BisectAsync(batch, starts, a, b, result, lineErrors, lineFailed).ConfigureAwait(false);
                    break;
                default:
                    for (int line = a; line < b; line++)
                    {
                        lineFailed[line] = true;
                        lineErrors[line] = result.Message;
                    }

                    break;
            }
        }
    }

    private static string LineText(WriteBatch batch, int[] starts, int line, int maxLength)
    {
        ReadOnlySpan<byte> bytes = batch.Buffer.WrittenSpan[starts[line]..(starts[line + 1] - 1)];
        string text = Encoding.UTF8.GetString(bytes);
        return text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
    }

    /// <summary>Sends until InfluxDB stores the payload or refuses its lines; returns the last failure when
    /// MaxAttempts runs out. Throws <see cref="OperationCanceledException"/> when the writer stops.</summary>
    private async Task<SendResult> SendWithRetryAsync(ReadOnlyMemory<byte> payload)
    {
        int attempt = 0;
        while (true)
        {
            attempt++;
            SendResult result = await _sender.SendAsync(payload, _stopping.Token).ConfigureAwait(false);
            if (result.Kind is SendResultKind.Success or SendResultKind.LinesRejected)
            {
                if (attempt > 1)
                {
                    InfluxWriterLog.Recovered(_logger, attempt);
                }

                return result;
            }

            if (_options.MaxAttempts > 0 && attempt >= _options.MaxAttempts)
            {
                InfluxWriterLog.GaveUp(_logger, attempt, result.Message);
                return result;
            }

            TimeSpan delay;
            if (result.Kind == SendResultKind.Configuration)
            {
                delay = _options.ConfigurationErrorRetryDelay;
                InfluxWriterLog.ConfigurationFailure(_logger, result.StatusCode, result.Message, delay);
            }
            else
            {
                delay = RetryDelay(attempt, result.RetryAfter);
                InfluxWriterLog.TransientFailure(_logger, attempt, result.StatusCode, result.Message, delay);
            }

            _metrics.Retries.Add(1);
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Exponential backoff with jitter (half fixed, half random), or the server's Retry-After (capped).</summary>
    internal TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked > _options.MaxRetryAfter ? _options.MaxRetryAfter : asked;
        }

        double exponential = _options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        double capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        double jittered = (capped / 2) + (Random.Shared.NextDouble() * capped / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    private void CompleteAll(WriteBatch batch, WriteStatus status, string? message)
    {
        foreach (BatchItem item in batch.Items)
        {
            Complete(item, status, message, null);
        }
    }

    private void Complete(in BatchItem item, WriteStatus status, string? message, IReadOnlyList<RejectedLine>? rejected)
    {
        if (item.FlushCompletion is not null)
        {
            item.FlushCompletion.TrySetResult();
            return;
        }

        if (status == WriteStatus.Failed)
        {
            _metrics.ItemsFailed.Add(1);
        }

        var outcome = new WriteOutcome(item.State, status, item.LineCount, message, rejected);
        if (item.Completion is not null)
        {
            item.Completion.TrySetResult(outcome);
            return;
        }

        if (_onCompleted is null)
        {
            return;
        }

        try
        {
            _onCompleted(outcome);
        }
#pragma warning disable CA1031 // A faulty callback must not stop the writer; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InfluxWriterLog.CallbackFailed(_logger, ex);
        }
    }
}
