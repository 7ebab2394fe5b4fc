using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Store;

namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>
/// Delivers the notification outbox: takes due items, hands each to its channel, and records the outcome — sent,
/// retry later (exponential backoff with jitter, or the receiver's Retry-After), or failed after
/// <see cref="OutboxOptions.MaxAttempts"/> or a refusal. An item is marked sent only after its channel confirmed
/// delivery; a crash in between sends it again with the same idempotency key (at-least-once, deduplicable).
/// Woken at once when the lifecycle enqueues, otherwise looks every <see cref="OutboxOptions.PollInterval"/>.
/// </summary>
internal sealed class NotificationDispatcher : BackgroundService
{
    private const int BatchSize = 256;
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(5);
    private readonly AlertStore _store;
    private readonly Dictionary<string, IAlertChannel> _channels;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly AlertsMetrics _metrics;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public NotificationDispatcher(
        AlertStore store,
        IEnumerable<IAlertChannel> channels,
        AlertLifecycle lifecycle,
        IOptions<OutboxOptions> options,
        TimeProvider clock,
        AlertsMetrics metrics,
        ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        lifecycle.NotificationsEnqueued += Wake;
    }

    /// <summary>Asks the dispatcher to look at the outbox now.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Delivers every item due now (one pass); returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var due = _store.Due(_clock.GetUtcNow(), BatchSize);
        if (due.Count == 0)
        {
            return 0;
        }

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (item, token) => await DeliverAsync(item, token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (_wake.Reader.TryRead(out _))
                {
                }

                var attempted = await DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                if (attempted >= BatchSize)
                {
                    continue;
                }

                var wait = _options.PollInterval;
                if (_store.NextDue() is { } next)
                {
                    var until = next - _clock.GetUtcNow();
                    wait = until <= TimeSpan.Zero ? TimeSpan.Zero : (until < wait ? until : wait);
                }

                if (wait > TimeSpan.Zero)
                {
                    using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    sleep.CancelAfter(wait);
                    try
                    {
                        await _wake.Reader.WaitToReadAsync(sleep.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // the wait ran out: look again
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                AlertsLog.DispatcherFailed(_logger, ex, FailureDelay);
                await Task.Delay(FailureDelay, _clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var entry = item.Entry;
        var attempts = item.Attempts + 1;
        DeliveryResult result;
        if (!_channels.TryGetValue(entry.Channel, out var channel))
        {
            AlertsLog.NoChannel(_logger, entry.Channel, entry.Key);
            result = DeliveryResult.Reject($"no channel '{entry.Channel}' is registered");
        }
        else
        {
            AlertNotification? notification;
            try
            {
                notification = JsonSerializer.Deserialize(entry.Payload, AlertJsonContext.Default.AlertNotification);
            }
            catch (JsonException ex)
            {
                notification = null;
                AlertsLog.DeliveryFailed(_logger, entry.Key, entry.Channel, attempts, ex.Message);
            }

            result = notification is null
                ? DeliveryResult.Reject("the outbox payload is not a notification")
                : await channel.SendAsync(item, notification, cancellationToken).ConfigureAwait(false);
        }

        var now = _clock.GetUtcNow();
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                _store.MarkSent(item.Id, attempts, now);
                _metrics.Notification(entry.Channel, "delivered");
                _metrics.Delivered(entry.Channel, now - entry.CreatedAt);
                AlertsLog.Delivered(_logger, entry.Key, entry.Channel, attempts);
                break;
            case DeliveryOutcome.Retry when attempts < _options.MaxAttempts:
                var next = now + Backoff(attempts, result.RetryAfter);
                _store.MarkRetry(item.Id, attempts, next, result.Error ?? "failed");
                _metrics.Notification(entry.Channel, "retry");
                AlertsLog.DeliveryRetry(_logger, entry.Key, entry.Channel, attempts, result.Error ?? "failed", next);
                break;
            default:
                _store.MarkFailed(item.Id, attempts, now, result.Error ?? "failed");
                _metrics.Notification(entry.Channel, "failed");
                AlertsLog.DeliveryFailed(_logger, entry.Key, entry.Channel, attempts, result.Error ?? "failed");
                break;
        }
    }

    /// <summary>Exponential backoff from MinRetryDelay, doubling per attempt, capped at MaxRetryDelay, with ±20 % jitter
    /// so that many notifications failing together do not retry together; a receiver's Retry-After wins (capped).</summary>
    internal TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked < _options.MaxRetryDelay ? asked : _options.MaxRetryDelay;
        }

        var exponent = Math.Min(attempts - 1, 30);
        var delay = _options.MinRetryDelay.TotalMilliseconds * Math.Pow(2, exponent);
        delay = Math.Min(delay, _options.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter spreads retries; it is not security-relevant.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(delay * jitter, _options.MaxRetryDelay.TotalMilliseconds));
    }
}
