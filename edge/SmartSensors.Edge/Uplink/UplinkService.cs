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
/// <c>ReadingsPerPack</c>, publishes them QoS 1 to <c>ss/v1/{site}/{gateway}/readings</c> with up to
/// <c>MaxPacksInFlight</c> awaiting PUBACK at once (pipelined), and deletes a pack's readings from the outbox when its
/// PUBACK arrives. When a publish fails (connection lost, broker refusal) it waits for the packs in flight to settle and
/// sends again from the oldest reading still in the outbox: at-least-once, in order. After every connect it publishes the
/// retained birth status; the will (set in the connection options) marks the gateway offline if it vanishes.
/// </summary>
internal sealed class UplinkService : BackgroundService
{
    private static readonly TimeSpan RefusedRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

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
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _outbox.Appended += Wake;
        var options = MqttOptionsBuilder.Build(_gateway, _broker);
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

            var publish = client.PublishAsync(
                new MqttApplicationMessage
                {
                    Topic = _readingsTopic,
                    Payload = payload,
                    QualityOfService = MqttQualityOfService.AtLeastOnce,
                    ContentType = MqttOptionsBuilder.SenmlContentType,
                    PayloadIsUtf8 = true,
                },
                CancellationToken.None); // not cancelled on shutdown: the PUBACKs still due are awaited for a grace period
            _metrics.PacksPublished.Add(1);
            _ = CompleteAsync(publish, sequence, entries);
            failureDelay = TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>Awaits one publish: on PUBACK hands the readings to the deleter (which frees the window slot); on failure asks for a rewind.</summary>
    private async Task CompleteAsync(Task<MqttPublishResult> publish, long sequence, IReadOnlyList<OutboxEntry> entries)
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
                if (_acks.Writer.TryWrite(new AcknowledgedPack(sequence, entries)))
                {
                    return;
                }

                reason = "the uplink is stopping";
            }
            else
            {
                reason = result.ReasonCode == MqttReasonCode.NoMatchingSubscribers
                    ? "the broker has no subscriber for the readings (is the cloud ingest subscribed?); they stay in the outbox"
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
        Volatile.Write(ref _rewindPending, 1);
        _window.Release();
        Wake();
    }

    /// <summary>Deletes acknowledged readings, a transaction per burst of PUBACKs, then frees their window slots.</summary>
    private async Task DeleteAcknowledgedAsync(CancellationToken cancellationToken)
    {
        var packs = new List<AcknowledgedPack>();
        var entries = new List<OutboxEntry>();
        while (await _acks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            packs.Clear();
            entries.Clear();
            while (_acks.Reader.TryRead(out var pack))
            {
                packs.Add(pack);
                entries.AddRange(pack.Entries);
            }

            try
            {
                _outbox.Acknowledge(entries);
                _metrics.ReadingsAcknowledged.Add(entries.Count);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // Not deleted: they will be sent again after a restart (at-least-once); the cloud stores by series + time.
                UplinkLog.LoopFailed(_logger, ex, TimeSpan.Zero);
            }
            catch (ObjectDisposedException)
            {
                // host stopping
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
        }
        else if (e.PreviousState == MqttConnectionState.Connected)
        {
            // Packs in flight on the lost connection fail; resend from the outbox once reconnected.
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

    private readonly record struct AcknowledgedPack(long Sequence, IReadOnlyList<OutboxEntry> Entries);
}
