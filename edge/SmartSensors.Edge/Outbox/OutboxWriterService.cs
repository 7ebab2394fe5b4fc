using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;
using SmartSensors.Edge.Sampling;

namespace SmartSensors.Edge.Outbox;

/// <summary>
/// Takes readings from the <see cref="ReadingQueue"/> and commits them to the outbox, a transaction per batch (as many
/// as are queued, up to <c>BatchSize</c>). A failed commit is retried with the same batch, so nothing is dropped; the
/// queue fills and the samplers wait meanwhile. On shutdown what is still queued is committed.
/// </summary>
internal sealed class OutboxWriterService(
    SqliteOutbox outbox,
    ReadingQueue queue,
    IOptions<OutboxOptions> options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<OutboxWriterService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stats = outbox.GetStatistics();
        OutboxLog.Opened(logger, options.Value.Path, stats.Depth, stats.Bytes, outbox.MaxBytes, stats.EvictedTotal);
        var batchSize = options.Value.BatchSize;
        var batch = new List<Reading>(batchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                Fill(batch, batchSize);
                await CommitAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The samplers stop before this service (registered later, stopped earlier): commit what they left queued.
            var drained = batch.Count;
            if (batch.Count > 0)
            {
                // interrupted while retrying a failed commit: one last attempt
                Commit(batch);
            }

            do
            {
                Fill(batch, batchSize);
                drained += batch.Count;
                if (batch.Count > 0)
                {
                    Commit(batch);
                }
            }
            while (batch.Count > 0);

            OutboxLog.Drained(logger, drained);
        }
    }

    private void Fill(List<Reading> batch, int batchSize)
    {
        batch.Clear();
        while (batch.Count < batchSize && queue.Reader.TryRead(out var reading))
        {
            batch.Add(reading);
        }

        // Capture order across sensors (each sensor's own order is kept: the sort is stable).
        if (batch.Count > 1)
        {
            var sorted = batch.OrderBy(r => r.CaptureTime).ToList();
            batch.Clear();
            batch.AddRange(sorted);
        }
    }

    private async Task CommitAsync(List<Reading> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                Commit(batch);
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                OutboxLog.AppendFailed(logger, ex, batch.Count, delay);
            }
            catch (IOException ex)
            {
                OutboxLog.AppendFailed(logger, ex, batch.Count, delay);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
        }
    }

    private void Commit(List<Reading> batch)
    {
        var result = outbox.Append(batch);
        metrics.ReadingsStored.Add(result.Appended);
        if (result.EvictedForSpace + result.EvictedForAge > 0)
        {
            metrics.ReadingsEvicted.Add(result.EvictedForSpace + result.EvictedForAge);
            OutboxLog.Evicted(logger, result.EvictedForSpace, result.EvictedForAge, outbox.GetStatistics().EvictedTotal);
        }
    }
}
