using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Api.Metrics;

/// <summary>
/// Collects the measurements of our meters (every meter whose name starts with <c>SmartSensors</c>) with a
/// <see cref="MeterListener"/> and renders them in the Prometheus text exposition format 0.0.4: counters as
/// <c>_total</c>, histograms as <c>_bucket</c>/<c>_sum</c>/<c>_count</c>, up-down counters and gauges as gauges.
/// Listens from host start (before any other service starts), so nothing counted at start-up is missed.
/// </summary>
internal sealed class PrometheusExporter : IHostedLifecycleService, IDisposable
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const string MeterPrefix = "SmartSensors";
    private readonly ConcurrentDictionary<Instrument, MetricState> _states = new();
    private readonly MeterListener _listener;
    private readonly ILogger<PrometheusExporter> _logger;
    private readonly Lock _scrapeGate = new();
    private int _started;

    public PrometheusExporter(ILogger<PrometheusExporter> logger)
    {
        _logger = logger;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
                {
                    var state = _states.GetOrAdd(instrument, static i => new MetricState(i));
                    listener.EnableMeasurementEvents(instrument, state);
                }
            },
            MeasurementsCompleted = (instrument, state) => _states.TryRemove(instrument, out var removed),
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<byte>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((instrument, value, tags, state) => Record(state, (double)value, tags));
    }

    /// <summary>Starts listening (idempotent; the host calls it through <see cref="StartingAsync"/>).</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _listener.Start();
        }
    }

    /// <summary>Observes the observable instruments and renders everything.</summary>
    public string Scrape()
    {
        Start();
        lock (_scrapeGate)
        {
            _listener.RecordObservableInstruments();
            var output = new StringBuilder(4096);
            foreach (var state in _states.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                state.Write(output);
            }

            return output.ToString();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is MetricState metric && !metric.Record(value, tags))
        {
            ApiLog.MetricsSeriesLimit(_logger, metric.InstrumentName, MetricState.MaxSeries);
        }
    }
}
