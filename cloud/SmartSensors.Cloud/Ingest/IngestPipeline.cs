using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Observability;
using SmartSensors.Cloud.Registry;
using SmartSensors.Contracts;
using SmartSensors.Influx.LineProtocol;
using SmartSensors.Influx.Write;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Ingest;

/// <summary>
/// received packs → <b>decode</b> (contract validation, mapping to line protocol; the packs at hand go on as one
/// writer item, see <see cref="PackGroup"/>) → the InfluxDB writer's bounded
/// batching queue → <b>completions</b> (bounded) → acknowledge; refused packs → <b>dead letters</b> (bounded) →
/// SQLite → acknowledge. A pack is acknowledged only once InfluxDB answered 2xx for the write holding all its
/// readings, or once its dead letter is committed. Packs in flight are bounded by <c>Ingest:ReceiveMaximum</c>
/// (a semaphore taken before a pack is read), which is also what keeps the completion channel from ever filling.
/// </summary>
internal sealed class IngestPipeline : IAsyncDisposable
{
    private const int DeadLetterBatch = 256;
    private const int AckRun = 4096;
    private const int MaxGroupPacks = 512;
    private static readonly TimeSpan DeadLetterRetryDelay = TimeSpan.FromSeconds(1);
    private readonly GatewayPackDecoder _decoder;
    private readonly DeadLetterStore _deadLetters;
    private readonly GatewayRegistry _registry;
    private readonly IngestMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly Channel<(PackGroup Group, WriteOutcome Outcome)> _completions;
    private readonly Channel<DeadLetterWork> _deadLetterQueue;
    private readonly LinePrecision _precision;
    private readonly int _maxGroupBytes;
    private InfluxWriter? _writer;
    private long _packsWritten;
    private long _inFlightHere;
    private long _packsDeadLettered;

    public IngestPipeline(
        int maxInFlight,
        int deadLetterQueueCapacity,
        LinePrecision precision,
        int maxGroupBytes,
        GatewayPackDecoder decoder,
        DeadLetterStore deadLetters,
        GatewayRegistry registry,
        IngestMetrics metrics,
        TimeProvider clock,
        ILogger logger)
    {
        _decoder = decoder;
        _deadLetters = deadLetters;
        _registry = registry;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        // Capacity ≥ packs in flight, so the writer's callback can always hand an outcome over without blocking.
        _completions = Channel.CreateBounded<(PackGroup, WriteOutcome)>(new BoundedChannelOptions(maxInFlight)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _deadLetterQueue = Channel.CreateBounded<DeadLetterWork>(new BoundedChannelOptions(deadLetterQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _precision = precision;
        _maxGroupBytes = maxGroupBytes;
    }

    public long PacksWritten => Interlocked.Read(ref _packsWritten);

    public long PacksDeadLettered => Interlocked.Read(ref _packsDeadLettered);

    /// <summary>The writer's completion callback (runs on the writer's thread: never blocks).</summary>
    public void OnWriteCompleted(WriteOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.State is PackGroup group && !_completions.Writer.TryWrite((group, outcome)))
        {
            // Cannot happen while in-flight ≤ capacity; if it did, the packs stay unacknowledged and are redelivered.
            foreach (var pack in group.Packs)
            {
                IngestLog.NotWritten(_logger, pack.Message.Topic, "completion queue full");
                Settle();
            }
        }
    }

    /// <summary>Attaches the writer that <see cref="RunDecodeAsync"/> feeds.</summary>
    public void Attach(InfluxWriter writer) => _writer = writer;

    /// <summary>Decode stage (one of <c>Ingest:DecodeWorkers</c>): takes packs from the broker while fewer than the
    /// in-flight bound are unacknowledged. Every pack already received when one is taken is decoded too, and their
    /// lines go to the writer as one item (up to <c>Influx:Writer:MaxItemBytes</c>): one hand-off per group rather
    /// than per pack, so neither the writer nor this worker wakes per pack. A group only takes what has arrived, never
    /// waits for more. Workers may finish packs out of order: that is harmless, because the client sends
    /// acknowledgements in arrival order and a redelivered copy of a pack writes identical points.</summary>
    public async Task RunDecodeAsync(ChannelReader<MqttReceivedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var writer = _writer ?? throw new InvalidOperationException("Attach the InfluxDB writer first.");
        using var encoder = new PackLineEncoder(_precision);
        using var lines = new LineProtocolBuffer(Math.Min(_maxGroupBytes, 64 * 1024));
        while (true)
        {
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            MqttReceivedMessage message;
            try
            {
                if (!await messages.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !messages.TryRead(out message!))
                {
                    _inFlight.Release();
                    if (messages.Completion.IsCompleted)
                    {
                        return;
                    }

                    continue;
                }
            }
            catch
            {
                _inFlight.Release();
                throw;
            }

            var group = new PackGroup();
            while (true)
            {
                _metrics.PackTaken();
                Interlocked.Increment(ref _inFlightHere);
                _metrics.Received.Add(1);
                var pack = new InFlightPack(message, _clock.GetTimestamp());
                if (await DecodeAsync(encoder, pack, cancellationToken).ConfigureAwait(false) is { } encoded)
                {
                    if (lines.Length > 0 && lines.Length + encoded.Length > _maxGroupBytes)
                    {
                        await EnqueueAsync(writer, group, lines, cancellationToken).ConfigureAwait(false);
                        group = new PackGroup();
                    }

                    pack.FirstLine = group.LineCount;
                    pack.LineCount = encoder.LineCount;
                    group.LineCount += encoder.LineCount;
                    group.Packs.Add(pack);
                    lines.Write(encoded.Span);
                }

                if (group.Packs.Count >= MaxGroupPacks || !_inFlight.Wait(0, cancellationToken))
                {
                    break;
                }

                if (!messages.TryRead(out message!))
                {
                    _inFlight.Release();
                    break;
                }
            }

            if (group.Packs.Count > 0)
            {
                await EnqueueAsync(writer, group, lines, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Completion stage: acknowledges written packs, hands InfluxDB-rejected ones to the dead letters.</summary>
    /// <remarks>The client sends acknowledgements in arrival order, holding back any behind an unacknowledged one, and
    /// flushes the socket once per call that releases some. So the packs of one batch are acknowledged newest first:
    /// every call but the last only marks its pack, and the last releases the whole run in one write.</remarks>
    public async Task RunCompletionsAsync(CancellationToken cancellationToken)
    {
        var reader = _completions.Reader;
        var written = new List<InFlightPack>(AckRun);
        var lastSeen = new Dictionary<(string Site, string Gateway), DateTimeOffset>();
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (written.Count < AckRun && reader.TryRead(out var completion))
            {
                var (group, outcome) = completion;
                switch (outcome.Status)
                {
                    case WriteStatus.Written:
                        written.AddRange(group.Packs);
                        break;
                    case WriteStatus.Rejected:
                        // Only the packs owning a refused line are refused; the writer stored the others' lines.
                        foreach (var pack in group.Packs)
                        {
                            var refused = outcome.RejectedLines
                                .Where(l => l.Index >= pack.FirstLine && l.Index < pack.FirstLine + pack.LineCount)
                                .ToList();
                            if (refused.Count == 0 && outcome.RejectedLines.Count > 0)
                            {
                                written.Add(pack);
                                continue;
                            }

                            var reason = refused.Count > 0
                                ? string.Join("; ", refused.Select(l => l.Error).Distinct(StringComparer.Ordinal))
                                : outcome.Message ?? "InfluxDB refused the lines";
                            IngestLog.InfluxRejected(_logger, pack.Message.Topic, reason);
                            await RefuseAsync(pack, reason, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    default:
                        // Not known to be stored (writer stopping): leave them unacknowledged; the broker redelivers them.
                        foreach (var pack in group.Packs)
                        {
                            IngestLog.NotWritten(_logger, pack.Message.Topic, outcome.Message ?? outcome.Status.ToString());
                            Settle();
                        }

                        break;
                }
            }

            var now = _clock.GetUtcNow();
            var acknowledged = 0;
            long readings = 0;
            try
            {
                for (var i = written.Count - 1; i >= 0; i--)
                {
                    var pack = written[i];
                    await pack.Message.AckAsync(cancellationToken).ConfigureAwait(false);
                    acknowledged++;
                    readings += pack.ReadingCount;
                    _metrics.BatchLatency.Record(_clock.GetElapsedTime(pack.QueuedTimestamp).TotalSeconds);
                    _metrics.Lag.Record(Math.Max(0, (now - pack.OldestCapture).TotalSeconds));
                    var gateway = (pack.Site!, pack.Gateway!);
                    if (!lastSeen.TryGetValue(gateway, out var seen) || pack.NewestCapture > seen)
                    {
                        lastSeen[gateway] = pack.NewestCapture;
                    }
                }
            }
            finally
            {
                // Once per run rather than per pack: counters, the registry (newest capture per gateway) and the
                // in-flight permits of the packs acknowledged.
                _metrics.ReadingsWritten.Add(readings);
                _metrics.PacksWritten.Add(acknowledged);
                foreach (var ((site, gateway), seen) in lastSeen)
                {
                    _registry.Touch(site, gateway, seen);
                }

                lastSeen.Clear();
                Interlocked.Add(ref _packsWritten, acknowledged);
                Settle(acknowledged);
            }

            written.Clear();
        }
    }

    /// <summary>Dead-letter stage: stores refused packs (in small transactions), then acknowledges them.</summary>
    public async Task RunDeadLettersAsync(CancellationToken cancellationToken)
    {
        var batch = new List<DeadLetterWork>(DeadLetterBatch);
        var letters = new List<DeadLetter>(DeadLetterBatch);
        var reader = _deadLetterQueue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            letters.Clear();
            while (batch.Count < DeadLetterBatch && reader.TryRead(out var work))
            {
                batch.Add(work);
                letters.Add(work.Letter);
            }

            while (true)
            {
                try
                {
                    var evicted = _deadLetters.Add(letters);
                    if (evicted > 0)
                    {
                        _metrics.DeadLettersEvicted.Add(evicted);
                        IngestLog.Evicted(_logger, evicted);
                    }

                    break;
                }
                catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
                {
                    IngestLog.DeadLetterStoreFailed(_logger, ex, DeadLetterRetryDelay);
                    await Task.Delay(DeadLetterRetryDelay, _clock, cancellationToken).ConfigureAwait(false);
                }
            }

            for (var i = batch.Count - 1; i >= 0; i--)
            {
                var work = batch[i];
                await work.Pack.Message.AckAsync(cancellationToken).ConfigureAwait(false);
                _metrics.DeadLettered.Add(1);
                Interlocked.Increment(ref _packsDeadLettered);
                Settle();
            }
        }
    }

    /// <summary>No more outcomes will arrive (the writer has been disposed): let the completion stage finish.</summary>
    public void CompleteCompletions() => _completions.Writer.TryComplete();

    /// <summary>No more refused packs will arrive: let the dead-letter stage finish.</summary>
    public void CompleteDeadLetters() => _deadLetterQueue.Writer.TryComplete();

    public ValueTask DisposeAsync()
    {
        // Packs still unacknowledged when the pipeline ends stay with the broker (redelivered); stop counting them here.
        _metrics.PackSettled(Interlocked.Exchange(ref _inFlightHere, 0));
        _inFlight.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Decodes and encodes one pack: its lines (valid until the encoder's next use), or null when the pack
    /// was refused and handed to the dead letters.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> DecodeAsync(PackLineEncoder encoder, InFlightPack pack, CancellationToken cancellationToken)
    {
        var message = pack.Message;
        var result = _decoder.Decode(message.Topic, message.Payload.Span);
        pack.Site = result.Site;
        pack.Gateway = result.Gateway;
        if (result.Pack is not { } decoded)
        {
            foreach (var code in result.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal))
            {
                _metrics.Refused.Add(1, new KeyValuePair<string, object?>("reason", code));
            }

            if (_logger.IsEnabled(LogLevel.Warning))
            {
                IngestLog.Refused(_logger, Printable(message.Topic), string.Join("; ", result.Errors.Take(5)));
            }

            await _deadLetterQueue.Writer.WriteAsync(new DeadLetterWork(pack, Letter(pack, result.Errors)), cancellationToken).ConfigureAwait(false);
            return null;
        }

        ReadOnlyMemory<byte> lines;
        try
        {
            lines = encoder.Encode(decoded);
        }
        catch (LineProtocolException ex)
        {
            // Validation passed but the value cannot be expressed as line protocol: keep it, with the reason.
            await RefuseAsync(pack, ex.Message, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (lines.Length > _maxGroupBytes)
        {
            // Valid, but larger than one write item may be: keep it, with the reason.
            await RefuseAsync(pack, $"The pack's {lines.Length} bytes of line protocol exceed Influx:Writer:MaxItemBytes ({_maxGroupBytes}).", cancellationToken).ConfigureAwait(false);
            return null;
        }

        pack.ReadingCount = decoded.Readings.Count;
        var oldest = DateTimeOffset.MaxValue;
        var newest = DateTimeOffset.MinValue;
        foreach (var reading in decoded.Readings)
        {
            oldest = reading.CaptureTime < oldest ? reading.CaptureTime : oldest;
            newest = reading.CaptureTime > newest ? reading.CaptureTime : newest;
        }

        pack.OldestCapture = oldest;
        pack.NewestCapture = newest;
        pack.QueuedTimestamp = _clock.GetTimestamp();
        return lines;
    }

    /// <summary>Hands a group's lines to the writer (which copies them) and empties <paramref name="lines"/>.</summary>
    private async ValueTask EnqueueAsync(InfluxWriter writer, PackGroup group, LineProtocolBuffer lines, CancellationToken cancellationToken)
    {
        try
        {
            // Without the asynchronous path while the writer's queue has room (the usual case).
            if (!writer.TryEnqueue(lines.WrittenMemory, group))
            {
                await writer.EnqueueAsync(lines.WrittenMemory, group, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ArgumentException ex)
        {
            // The writer refuses the item as such (the encoder's output should never be refused, but the pipeline
            // must not stop on it): keep the packs, with the reason.
            foreach (var pack in group.Packs)
            {
                await RefuseAsync(pack, ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lines.Clear();
        }
    }

    /// <summary>Dead-letters a valid pack that InfluxDB cannot or did not store, with the reason.</summary>
    private ValueTask RefuseAsync(InFlightPack pack, string reason, CancellationToken cancellationToken)
    {
        _metrics.Refused.Add(1, new KeyValuePair<string, object?>("reason", DeadLetter.InfluxRejected));
        return _deadLetterQueue.Writer.WriteAsync(
            new DeadLetterWork(pack, Letter(pack, [new ValidationError(DeadLetter.InfluxRejected, reason)])),
            cancellationToken);
    }

    private DeadLetter Letter(InFlightPack pack, IReadOnlyList<ValidationError> reasons) =>
        new(0, _clock.GetUtcNow(), pack.Message.Topic, pack.Site, pack.Gateway, pack.Message.Payload, pack.Message.Payload.Length, reasons);

    private void Settle()
    {
        Interlocked.Decrement(ref _inFlightHere);
        _metrics.PackSettled();
        _inFlight.Release();
    }

    private void Settle(int packs)
    {
        if (packs > 0)
        {
            Interlocked.Add(ref _inFlightHere, -packs);
            _metrics.PackSettled(packs);
            _inFlight.Release(packs);
        }
    }

    private static string Printable(string topic) =>
        string.Create(Math.Min(topic.Length, 256), topic, static (span, t) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(t[i]) ? '?' : t[i];
            }
        });
}
