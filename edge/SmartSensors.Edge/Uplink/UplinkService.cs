using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;
using SmartSensors.Edge.Outbox;
using SmartSensors.Mqtt;

namespace SmartSensors.Edge.Uplink;

/// <summary>
/// Publishes the outbox to the broker: reads unsent readings in capture order, builds SenML packs of up to
/// <c>ReadingsPerPack</c>, publishes them to <c>ss/v1/{site}/{gateway}/readings</c> with up to <c>MaxPacksInFlight</c>
/// unacknowledged at once (pipelined), and deletes a pack's readings from the outbox when the broker has them.
/// <list type="bullet">
/// <item><c>Delivery: AtLeastOnce</c> (QoS 1): readings go on PUBACK. When a publish fails (connection lost, broker
/// refusal) it waits for the packs in flight to settle and sends again from the oldest reading still in the outbox:
/// at-least-once, in order.</item>
/// <item><c>Delivery: ExactlyOnce</c> (QoS 2, persistent broker session): each pack is recorded in the outbox with its
/// packet identifier before its PUBLISH, its PUBREC is recorded before its PUBREL, and it is deleted with its readings on
/// PUBCOMP. After a crash the recorded packs are resumed first, verbatim: PUBLISH again with DUP (the broker recognises
/// the identifier and does not deliver twice) or PUBREL again.</item>
/// </list>
/// After every connect it publishes the retained birth status; the will (set in the connection options) marks the gateway
/// offline if it vanishes.
/// </summary>
internal sealed class UplinkService : BackgroundService
{
    private static readonly TimeSpan RefusedRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private const string NoSubscriberReason = "the broker has no subscriber for the readings (is the cloud ingest subscribed?); they stay in the outbox";

    private readonly SqliteOutbox _outbox;
    private readonly GatewayOptions _gateway;
    private readonly BrokerOptions _broker;
    private readonly SensorListOptions _sensors;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<UplinkService> _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly string _readingsTopic;
    private readonly string _statusTopic;
    private readonly DateTimeOffset _startedAt;
    private readonly SemaphoreSlim _window;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<AcknowledgedPack> _acks;
    private int _birthPending = 1;
    private int _rewindPending;
    private int _refused;
    private int _resumePending;
    private int _replayPending;
    private readonly ReplayWindow? _replayWindow;
    private readonly bool _exactlyOnce;
    private readonly HashSet<ushort> _packetIdsInUse = [];
    private readonly SortedDictionary<long, Qos2Flow> _flows = [];
    private readonly SemaphoreSlim _releaseGate = new(1, 1);
    private IMqttClient? _client;

    public UplinkService(
        SqliteOutbox outbox,
        IOptions<GatewayOptions> gateway,
        IOptions<BrokerOptions> broker,
        IOptions<SensorListOptions> sensors,
        GatewayMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _outbox = outbox;
        _gateway = gateway.Value;
        _broker = broker.Value;
        _sensors = sensors.Value;
        _metrics = metrics;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<UplinkService>();
        _readingsTopic = Topics.Readings(_gateway.Site, _gateway.Id);
        _statusTopic = Topics.Status(_gateway.Site, _gateway.Id);
        _startedAt = time.GetUtcNow();
        _exactlyOnce = _broker.Delivery == DeliveryMode.ExactlyOnce;
        _resumePending = _exactlyOnce ? 1 : 0;
        _replayWindow = !_exactlyOnce && _broker.ReplayWindow > TimeSpan.Zero
            ? new ReplayWindow(_broker.ReplayWindow, _broker.ReplayWindowBytes, time)
            : null;
        _window = new SemaphoreSlim(_broker.MaxPacksInFlight, _broker.MaxPacksInFlight);
        _acks = Channel.CreateBounded<AcknowledgedPack>(new BoundedChannelOptions(_broker.MaxPacksInFlight)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public override void Dispose()
    {
        _window.Dispose();
        _releaseGate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _outbox.Appended += Wake;
        var options = MqttOptionsBuilder.Build(_gateway, _broker);
        if (_exactlyOnce)
        {
            // Packs recorded by an earlier run keep their identifiers, also if MaxPacksInFlight was lowered since.
            var highest = _outbox.StoredPacks().Select(p => (int)p.PacketId).DefaultIfEmpty(0).Max();
            options.CallerPacketIdentifiers = Math.Max(options.CallerPacketIdentifiers, highest);
        }

        UplinkLog.Connecting(_logger, options.Host, options.Port, options.Tls.Enabled, options.ClientId);
        var client = MqttClientFactory.Create(options, _loggerFactory.CreateLogger("SmartSensors.Mqtt"));
        _client = client;
        client.ConnectionStateChanged += OnConnectionStateChanged;
        var deleter = Task.Run(() => DeleteAcknowledgedAsync(CancellationToken.None), CancellationToken.None);
        try
        {
            await ConnectAsync(client, stoppingToken).ConfigureAwait(false);
            await PublishLoopAsync(client, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            _outbox.Appended -= Wake;
            await ShutdownAsync(client).ConfigureAwait(false);
            _acks.Writer.TryComplete();
            await deleter.ConfigureAwait(false);
            client.ConnectionStateChanged -= OnConnectionStateChanged;
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ConnectAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // With reconnect enabled the client retries transient failures itself until cancelled.
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _birthPending, 1);
                return;
            }
            catch (MqttConnectException ex)
            {
                UplinkLog.ConnectRefused(_logger, ex.ReasonCode, RefusedRetryDelay);
                await Task.Delay(RefusedRetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PublishLoopAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        long cursor = 0;
        var readingsPerPack = _broker.ReadingsPerPack;
        var failureDelay = TimeSpan.FromSeconds(1);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (client.State != MqttConnectionState.Connected)
            {
                await WaitForWakeAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_exactlyOnce && Volatile.Read(ref _resumePending) == 1)
            {
                // Packs recorded in the outbox (by an earlier run, or interrupted in this one) go first and are finished
                // before anything is read again, so that no reading is ever in two packs.
                await WaitForAllInFlightAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _resumePending, 0);
                await ResumeStoredPacksAsync(client, cancellationToken).ConfigureAwait(false);
                await WaitForAllInFlightAsync(cancellationToken).ConfigureAwait(false);
                cursor = 0;
                continue;
            }

            if (Interlocked.Exchange(ref _rewindPending, 0) == 1)
            {
                await WaitForAllInFlightAsync(cancellationToken).ConfigureAwait(false);
                UplinkLog.Rewinding(_logger);
                cursor = 0;
                if (Interlocked.Exchange(ref _refused, 0) == 1)
                {
                    // The broker refused a pack (e.g. not authorised): do not hammer it.
                    await Task.Delay(failureDelay, _time, cancellationToken).ConfigureAwait(false);
                    failureDelay = TimeSpan.FromTicks(Math.Min(failureDelay.Ticks * 2, RefusedRetryDelay.Ticks));
                }

                // Only once connected: a rewind while the client is still reconnecting leaves the replay pending, and the
                // reconnect asks for another rewind (OnConnectionStateChanged), which then replays.
                if (client.State == MqttConnectionState.Connected && Interlocked.Exchange(ref _replayPending, 0) == 1)
                {
                    await ReplayAsync(client, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (Volatile.Read(ref _birthPending) == 1 && !await PublishBirthAsync(client, cancellationToken).ConfigureAwait(false))
            {
                await WaitForWakeAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OutboxEntry> entries;
            try
            {
                entries = _outbox.ReadAfter(cursor, readingsPerPack);
            }
            catch
            {
                _window.Release();
                throw;
            }

            if (entries.Count == 0)
            {
                _window.Release();
                await WaitForWakeAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (Volatile.Read(ref _rewindPending) == 1)
            {
                _window.Release();
                continue;
            }

            cursor = entries[^1].Id;
            if (!TryEncode(entries, out var sequence, out var payload))
            {
                _window.Release();
                continue;
            }

            if (_exactlyOnce)
            {
                var pack = new StoredPack(sequence, AllocatePacketId(), entries[0].Id, entries[^1].Id, payload, StoredPackState.Sent);
                try
                {
                    _outbox.SavePack(pack);
                }
                catch
                {
                    FreePacketId(pack.PacketId);
                    _window.Release();
                    throw;
                }

                _metrics.PacksPublished.Add(1);
                _ = DriveAsync(client, pack, resume: false);
                failureDelay = TimeSpan.FromSeconds(1);
                continue;
            }

            var publish = client.PublishAsync(
                ReadingsMessage(payload, MqttQualityOfService.AtLeastOnce),
                CancellationToken.None); // not cancelled on shutdown: the PUBACKs still due are awaited for a grace period
            _metrics.PacksPublished.Add(1);
            _ = CompleteAsync(publish, sequence, entries, payload);
            failureDelay = TimeSpan.FromSeconds(1);
        }
    }

    private MqttApplicationMessage ReadingsMessage(byte[] payload, MqttQualityOfService qos) => new()
    {
        Topic = _readingsTopic,
        Payload = payload,
        QualityOfService = qos,
        ContentType = MqttOptionsBuilder.SenmlContentType,
        PayloadIsUtf8 = true,
    };

    /// <summary>Sends the QoS 2 packs recorded in the outbox again, oldest first, each taking a window slot.</summary>
    private async Task ResumeStoredPacksAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var stored = _outbox.StoredPacks();
        if (stored.Count == 0)
        {
            return;
        }

        UplinkLog.ResumingPacks(_logger, stored.Count, stored[0].Sequence, stored[^1].Sequence);
        foreach (var pack in stored)
        {
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_packetIdsInUse)
            {
                _packetIdsInUse.Add(pack.PacketId);
            }

            _ = DriveAsync(client, pack, resume: true);
        }
    }

    /// <summary>
    /// Drives one recorded pack through QoS 2: PUBLISH (DUP when resumed) → PUBREC recorded → PUBREL → PUBCOMP, then
    /// hands it to the deleter (which frees its window slot). PUBRELs go out in sequence order (<see cref="ReleaseInOrderAsync"/>),
    /// so the broker, which delivers at PUBREL, delivers the packs in order. A refusal at PUBREC ends the pack and keeps its
    /// readings; any other failure leaves it recorded, to be resumed.
    /// </summary>
    private async Task DriveAsync(IMqttClient client, StoredPack pack, bool resume)
    {
        var flow = new Qos2Flow(pack, ReadingsMessage(pack.Payload, MqttQualityOfService.ExactlyOnce));
        lock (_flows)
        {
            _flows[pack.Sequence] = flow;
        }

        try
        {
            if (pack.State == StoredPackState.Sent)
            {
                var received = await client.PublishUntilReceivedAsync(flow.Message, pack.PacketId, resume, CancellationToken.None).ConfigureAwait(false);
                if (!received.IsSuccess)
                {
                    // The flow ended at PUBREC (not authorised, quota...): nothing was delivered; send the readings again later.
                    EndFlow(flow);
                    _outbox.CompletePacks([(pack, false)]);
                    FreePacketId(pack.PacketId);
                    UplinkLog.PublishFailed(_logger, pack.Sequence, 0, $"broker answered {received.ReasonCode} {received.ReasonString}");
                    Volatile.Write(ref _refused, 1);
                    Volatile.Write(ref _rewindPending, 1);
                    _window.Release();
                    Wake();
                    await ReleaseInOrderAsync(client).ConfigureAwait(false);
                    return;
                }

                lock (_flows)
                {
                    flow.Pack = pack with
                    {
                        State = received.ReasonCode == MqttReasonCode.NoMatchingSubscribers ? StoredPackState.ReceivedUndelivered : StoredPackState.Received,
                    };
                    flow.MustRecord = true;
                }
            }

            await ReleaseInOrderAsync(client).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure (connection closed for good, outbox error) leaves the pack recorded for a resume.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InterruptFlow(flow, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// Records the PUBRECs of the oldest flows (one fsynced transaction) and asks for their PUBRELs, in sequence order, up to
    /// the first flow still waiting for its PUBREC.
    /// </summary>
    private async Task ReleaseInOrderAsync(IMqttClient client)
    {
        await _releaseGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        var ready = new List<Qos2Flow>();
        try
        {
            lock (_flows)
            {
                foreach (var flow in _flows.Values)
                {
                    if (flow.Releasing)
                    {
                        continue;
                    }

                    if (flow.Pack.State == StoredPackState.Sent)
                    {
                        break;
                    }

                    flow.Releasing = true;
                    ready.Add(flow);
                }
            }

            if (ready.Count == 0)
            {
                return;
            }

            _outbox.MarkReceived([.. ready.Where(f => f.MustRecord).Select(f => (f.Pack.Sequence, f.Pack.State))]);
            foreach (var flow in ready)
            {
                // Called in order without awaiting the PUBCOMP: the client writes PUBRELs in call order.
                var release = client.ReleaseAsync(flow.Message, flow.Pack.PacketId, CancellationToken.None);
                _ = CompleteFlowAsync(flow, release);
            }
        }
#pragma warning disable CA1031 // The outbox could not record the PUBRECs: nothing was released; resume these packs.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var flow in ready)
            {
                InterruptFlow(flow, $"{ex.GetType().Name}: {ex.Message}");
            }
        }
        finally
        {
            _releaseGate.Release();
        }
    }

    /// <summary>Awaits a PUBCOMP and hands the pack to the deleter.</summary>
    private async Task CompleteFlowAsync(Qos2Flow flow, Task<MqttPublishResult> release)
    {
        string reason;
        try
        {
            var completed = await release.ConfigureAwait(false);
            if (completed.IsSuccess)
            {
                EndFlow(flow);
                var pack = flow.Pack;
                var delivered = pack.State == StoredPackState.Received;
                UplinkLog.PackAcknowledged(_logger, pack.Sequence, 0);
                if (_acks.Writer.TryWrite(new AcknowledgedPack(pack.Sequence, [], pack, delivered)))
                {
                    if (!delivered)
                    {
                        UplinkLog.PublishFailed(_logger, pack.Sequence, 0, NoSubscriberReason);
                        Volatile.Write(ref _refused, 1);
                        Volatile.Write(ref _rewindPending, 1);
                    }

                    return;
                }

                reason = "the uplink is stopping";
            }
            else
            {
                reason = $"broker answered {completed.ReasonCode} {completed.ReasonString}";
            }
        }
#pragma warning disable CA1031 // Any failure leaves the pack recorded for a resume.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
        }

        InterruptFlow(flow, reason);
    }

    private void EndFlow(Qos2Flow flow)
    {
        lock (_flows)
        {
            _flows.Remove(flow.Pack.Sequence);
        }
    }

    /// <summary>A flow that did not complete: it stays recorded in the outbox and is resumed (same packet identifier).</summary>
    private void InterruptFlow(Qos2Flow flow, string reason)
    {
        EndFlow(flow);
        UplinkLog.FlowInterrupted(_logger, flow.Pack.Sequence, reason);
        FreePacketId(flow.Pack.PacketId);
        Volatile.Write(ref _resumePending, 1);
        _window.Release();
        Wake();

        // Flows behind it that have their PUBREC must not wait for it.
        if (_client is { } client)
        {
            _ = ReleaseInOrderAsync(client);
        }
    }

    /// <summary>The lowest QoS 2 packet identifier no pack in flight uses (the window keeps it within the reserved range).</summary>
    private ushort AllocatePacketId()
    {
        lock (_packetIdsInUse)
        {
            for (ushort id = 1; ; id++)
            {
                if (_packetIdsInUse.Add(id))
                {
                    return id;
                }
            }
        }
    }

    private void FreePacketId(ushort id)
    {
        lock (_packetIdsInUse)
        {
            _packetIdsInUse.Remove(id);
        }
    }

    /// <summary>
    /// After a reconnect: sends again, oldest first, the packs the broker acknowledged within the replay window (it may have
    /// lost them unsaved, see <see cref="ReplayWindow"/>), each taking a window slot, before the outbox is read again.
    /// </summary>
    private async Task ReplayAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        if (_replayWindow is not { } replayWindow)
        {
            return;
        }

        var packs = replayWindow.Snapshot();
        if (packs.Count == 0)
        {
            return;
        }

        UplinkLog.Replaying(_logger, packs.Count, replayWindow.Span, packs[0].Sequence, packs[^1].Sequence);
        foreach (var (sequence, payload) in packs)
        {
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
            var publish = client.PublishAsync(ReadingsMessage(payload, MqttQualityOfService.AtLeastOnce), CancellationToken.None);
            _metrics.PacksReplayed.Add(1);
            _ = CompleteAsync(publish, sequence, [], payload);
        }
    }

    /// <summary>Keeps an acknowledged pack in the replay window (from now).</summary>
    private void RememberAcknowledged(long sequence, byte[] payload)
    {
        if (_replayWindow is { } replayWindow && replayWindow.Remember(sequence, payload) is var dropped and > 0)
        {
            _metrics.ReplayWindowOverflowed.Add(dropped);
            UplinkLog.ReplayWindowOverflow(_logger, replayWindow.MaxBytes, dropped);
        }
    }

    /// <summary>
    /// Awaits one publish: on PUBACK keeps the pack in the replay window and hands its readings to the deleter (which frees
    /// the window slot); on failure asks for a rewind. A replayed pack (no <paramref name="entries"/>) that fails is kept in
    /// the replay window, to be sent again after the next reconnect.
    /// </summary>
    private async Task CompleteAsync(Task<MqttPublishResult> publish, long sequence, IReadOnlyList<OutboxEntry> entries, byte[] payload)
    {
        string reason;
        try
        {
            var result = await publish.ConfigureAwait(false);
            // 0x10 "No matching subscribers" is a success code, but it says nobody took the readings (no ingest
            // subscribed, e.g. while the cloud's subscriptions are being restored): keep them and send them again.
            if (result.IsSuccess && result.ReasonCode != MqttReasonCode.NoMatchingSubscribers)
            {
                UplinkLog.PackAcknowledged(_logger, sequence, entries.Count);
                RememberAcknowledged(sequence, payload);
                if (_acks.Writer.TryWrite(new AcknowledgedPack(sequence, entries, null, true)))
                {
                    return;
                }

                reason = "the uplink is stopping";
            }
            else
            {
                reason = result.ReasonCode == MqttReasonCode.NoMatchingSubscribers
                    ? NoSubscriberReason
                    : $"broker answered {result.ReasonCode} {result.ReasonString}";
                Volatile.Write(ref _refused, 1);
            }
        }
#pragma warning disable CA1031 // Any publish failure (connection lost, cancelled, protocol error) means: send these readings again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
        }

        UplinkLog.PublishFailed(_logger, sequence, entries.Count, reason);
        if (entries.Count == 0)
        {
            // A replayed pack: it stays in the replay window (its time restarts), to be sent after the next reconnect.
            RememberAcknowledged(sequence, payload);
            Volatile.Write(ref _replayPending, 1);
        }

        Volatile.Write(ref _rewindPending, 1);
        _window.Release();
        Wake();
    }

    /// <summary>Deletes acknowledged readings, a transaction per burst of PUBACKs, then frees their window slots.</summary>
    private async Task DeleteAcknowledgedAsync(CancellationToken cancellationToken)
    {
        var packs = new List<AcknowledgedPack>();
        var entries = new List<OutboxEntry>();
        var stored = new List<(StoredPack, bool)>();
        while (await _acks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            packs.Clear();
            entries.Clear();
            stored.Clear();
            while (_acks.Reader.TryRead(out var pack))
            {
                packs.Add(pack);
                entries.AddRange(pack.Entries);
                if (pack.Stored is { } recorded)
                {
                    stored.Add((recorded, pack.Delivered));
                }
            }

            try
            {
                _outbox.Acknowledge(entries);
                var deleted = entries.Count + _outbox.CompletePacks(stored);
                _metrics.ReadingsAcknowledged.Add(deleted);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // Not deleted: they will be sent again after a restart (at-least-once); the cloud stores by series + time.
                // QoS 2 packs stay recorded: resume them (a PUBREL again, answered at once).
                UplinkLog.LoopFailed(_logger, ex, TimeSpan.Zero);
                if (stored.Count > 0)
                {
                    Volatile.Write(ref _resumePending, 1);
                }
            }
            catch (ObjectDisposedException)
            {
                // host stopping
            }

            foreach (var (pack, _) in stored)
            {
                FreePacketId(pack.PacketId);
            }

            _window.Release(packs.Count);
            Wake();
        }
    }

    private bool TryEncode(IReadOnlyList<OutboxEntry> entries, out long sequence, out byte[] payload)
    {
        sequence = _outbox.NextSequence();
        var readings = new Reading[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            readings[i] = entries[i].Reading;
        }

        try
        {
            payload = GatewayPackEncoder.Encode(new GatewayPack(_gateway.Id, _gateway.Site, sequence, readings));
            return true;
        }
        catch (ArgumentException ex)
        {
            // Readings are validated before they enter the outbox, so this means a stored row is corrupt: it can never be
            // sent, and keeping it would block everything behind it.
            UplinkLog.PoisonDropped(_logger, entries[0].Id, entries[^1].Id, ex.Message);
            _outbox.Acknowledge(entries);
            payload = [];
            return false;
        }
    }

    private async Task<bool> PublishBirthAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        try
        {
            Volatile.Write(ref _birthPending, 0);
            var status = BirthMessage.Build(_gateway, _sensors, _startedAt);
            var result = await client.PublishAsync(
                new MqttApplicationMessage
                {
                    Topic = _statusTopic,
                    Payload = GatewayStatusCodec.Encode(status),
                    QualityOfService = MqttQualityOfService.AtLeastOnce,
                    Retain = true,
                    ContentType = MqttOptionsBuilder.StatusContentType,
                    PayloadIsUtf8 = true,
                },
                cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                UplinkLog.StatusFailed(_logger, $"broker answered {result.ReasonCode} {result.ReasonString}");
                return true; // refused (e.g. ACL): readings still go out; retried after the next connect
            }

            UplinkLog.BirthPublished(_logger, _statusTopic);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (MqttException ex)
        {
            Volatile.Write(ref _birthPending, 1);
            UplinkLog.StatusFailed(_logger, ex.Message);
            return false;
        }
    }

    private async Task WaitForAllInFlightAsync(CancellationToken cancellationToken)
    {
        var max = _broker.MaxPacksInFlight;
        for (var i = 0; i < max; i++)
        {
            await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _window.Release(max);
    }

    private async Task WaitForWakeAsync(CancellationToken cancellationToken) =>
        _ = await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    private void Wake() => _wake.Writer.TryWrite(true);

    private void OnConnectionStateChanged(object? sender, MqttConnectionStateChangedEventArgs e)
    {
        UplinkLog.StateChanged(_logger, e.State, e.PreviousState);
        if (e.State == MqttConnectionState.Connected)
        {
            Volatile.Write(ref _birthPending, 1);
            if (Volatile.Read(ref _replayPending) == 1)
            {
                // The rewind after the loss may have run before this reconnect, without replaying: rewind again, now connected.
                Volatile.Write(ref _rewindPending, 1);
            }
        }
        else if (e.PreviousState == MqttConnectionState.Connected)
        {
            // Packs in flight on the lost connection fail; resend from the outbox once reconnected, after the packs of the
            // replay window (the broker may have gone down with them unsaved).
            Volatile.Write(ref _replayPending, 1);
            Volatile.Write(ref _rewindPending, 1);
        }

        Wake();
    }

    private async Task ShutdownAsync(IMqttClient client)
    {
        using var grace = new CancellationTokenSource(ShutdownGrace);
        try
        {
            if (client.State == MqttConnectionState.Connected)
            {
                // Let the packs in flight be acknowledged, so fewer are sent twice after the restart.
                await WaitForAllInFlightAsync(grace.Token).ConfigureAwait(false);
                await client.PublishAsync(
                    new MqttApplicationMessage
                    {
                        Topic = _statusTopic,
                        Payload = GatewayStatusCodec.Encode(GatewayStatus.Offline(_gateway.Site, _gateway.Id)),
                        QualityOfService = MqttQualityOfService.AtLeastOnce,
                        Retain = true,
                        ContentType = MqttOptionsBuilder.StatusContentType,
                        PayloadIsUtf8 = true,
                    },
                    grace.Token).ConfigureAwait(false);
                await client.DisconnectAsync(grace.Token).ConfigureAwait(false);
                UplinkLog.Stopped(_logger);
            }
        }
        catch (OperationCanceledException)
        {
            UplinkLog.StatusFailed(_logger, "shutdown grace period elapsed");
        }
        catch (MqttException ex)
        {
            UplinkLog.StatusFailed(_logger, ex.Message);
        }
    }

    /// <summary>One QoS 2 pack being driven (guarded by the <c>_flows</c> lock).</summary>
    private sealed class Qos2Flow(StoredPack pack, MqttApplicationMessage message)
    {
        public StoredPack Pack { get; set; } = pack;

        /// <summary>The pack's PUBLISH (same payload in every state).</summary>
        public MqttApplicationMessage Message { get; } = message;

        /// <summary>Its PUBREC arrived in this run and is not yet recorded in the outbox.</summary>
        public bool MustRecord { get; set; }

        /// <summary>Its PUBREL was asked for.</summary>
        public bool Releasing { get; set; }
    }

    /// <summary>A pack the broker has: QoS 1 readings to delete, or a QoS 2 pack to end (with its readings if delivered).</summary>
    private readonly record struct AcknowledgedPack(long Sequence, IReadOnlyList<OutboxEntry> Entries, StoredPack? Stored, bool Delivered);
}
