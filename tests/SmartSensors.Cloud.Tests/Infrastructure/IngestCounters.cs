using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>
/// Totals of one host's <c>SmartSensors.Ingest</c> counters (told apart from other hosts in the same test process by
/// the meter's scope, which is the host's <see cref="IMeterFactory"/>), with awaitable thresholds.
/// </summary>
internal sealed class IngestCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly List<(Func<IngestCounters, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _gate = new();

    public IngestCounters(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SmartSensors.Ingest" && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    key = $"{instrument.Name}:{tag.Value}";
                }
            }

            _totals.AddOrUpdate(key, value, (_, total) => total + value);
            if (key != instrument.Name)
            {
                _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            }

            Check();
        });
        _listener.Start();
    }

    /// <summary>The total of a counter, e.g. <c>smartsensors.ingest.written</c> or <c>smartsensors.ingest.refused:too_large</c>.</summary>
    public long this[string name] => _totals.TryGetValue(name, out var total) ? total : 0;

    public long Received => this["smartsensors.ingest.received"];

    public long ReadingsWritten => this["smartsensors.ingest.written"];

    public long PacksWritten => this["smartsensors.ingest.packs_written"];

    public long DeadLettered => this["smartsensors.ingest.dead_lettered"];

    /// <summary>Completes when <paramref name="condition"/> holds; fails with the totals after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IngestCounters, bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((condition, done));
        }

        Check();
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}. Counters: {Describe()}");
        }
    }

    public string Describe() => string.Join(", ", _totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    public void Dispose() => _listener.Dispose();

    private void Check()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
