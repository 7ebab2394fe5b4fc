using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Alerts.Evaluation;

/// <summary>
/// Runs the rule engine and applies its verdicts to the alert lifecycle, one input at a time (packs and status
/// messages from the subscriber, ticks from the timer, reads from the API). On first use it aligns the engine with the
/// alerts open in the store, so a restart in the middle of an open alert neither raises it again nor loses it.
/// </summary>
internal sealed class AlertEvaluator
{
    private readonly RuleEngine _engine;
    private readonly AlertLifecycle _lifecycle;
    private readonly AlertStore _store;
    private readonly TimeProvider _clock;
    private readonly AlertsMetrics _metrics;
    private readonly ILogger<AlertEvaluator> _logger;
    /// <summary>The engine_state key of the rule engine's snapshot.</summary>
    public const string SnapshotKey = "rule-engine";

    private readonly Lock _gate = new();
    private bool _started;

    public AlertEvaluator(RuleEngine engine, AlertLifecycle lifecycle, AlertStore store, TimeProvider clock, AlertsMetrics metrics, ILogger<AlertEvaluator> logger)
    {
        _engine = engine;
        _lifecycle = lifecycle;
        _store = store;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Evaluates a decoded pack; returns the alerts that changed.</summary>
    public IReadOnlyList<Alert> OnPack(GatewayPack pack)
    {
        lock (_gate)
        {
            EnsureStarted();
            var changes = _engine.OnPack(pack, _clock.GetUtcNow());
            _metrics.PackEvaluated();
            return ApplyLocked(changes);
        }
    }

    /// <summary>Evaluates a status message; returns the alerts that changed.</summary>
    public IReadOnlyList<Alert> OnStatus(GatewayStatus status)
    {
        lock (_gate)
        {
            EnsureStarted();
            return ApplyLocked(_engine.OnStatus(status, _clock.GetUtcNow()));
        }
    }

    /// <summary>Evaluates the broker's dropped-messages counter; returns the alerts that changed.</summary>
    public IReadOnlyList<Alert> OnBrokerDropped(long total)
    {
        lock (_gate)
        {
            EnsureStarted();
            return ApplyLocked(_engine.OnBrokerDropped(total, _clock.GetUtcNow()));
        }
    }

    /// <summary>Evaluates the time-based rules now; returns the alerts that changed.</summary>
    public IReadOnlyList<Alert> Tick()
    {
        lock (_gate)
        {
            EnsureStarted();
            return ApplyLocked(_engine.Tick(_clock.GetUtcNow()));
        }
    }

    /// <summary>The DAQI of one sensor now (index, or insufficient data).</summary>
    public DaqiStatus AirQualityOf(SensorKey key)
    {
        lock (_gate)
        {
            EnsureStarted();
            return _engine.AirQualityOf(key, _clock.GetUtcNow());
        }
    }

    /// <summary>Newest soil moisture per sensor, with the watering threshold in force for it.</summary>
    public IReadOnlyList<(SensorKey Key, double Moisture, DateTimeOffset At, double Threshold)> SoilReadings()
    {
        lock (_gate)
        {
            EnsureStarted();
            return [.. _engine.SoilReadings().Select(s => (s.Key, s.Moisture, s.At, _engine.WateringFor(s.Key).Threshold))];
        }
    }

    /// <summary>Saves the rule engine's state to the store (the ticker calls it periodically and at shutdown).</summary>
    public void SaveSnapshot()
    {
        lock (_gate)
        {
            if (!_started)
            {
                return; // nothing learned yet: keep whatever snapshot is stored
            }

            var now = _clock.GetUtcNow();
            var json = JsonSerializer.Serialize(_engine.Export(now), AlertJsonContext.Default.EngineSnapshot);
            _store.SaveState(SnapshotKey, json, now);
        }
    }

    private List<Alert> ApplyLocked(IReadOnlyList<ConditionChange> changes)
    {
        var changed = new List<Alert>(changes.Count);
        foreach (var change in changes)
        {
            if (_lifecycle.Apply(change, _engine.LocationOf(change.Site, change.Gateway)) is { } alert)
            {
                changed.Add(alert);
            }
        }

        return changed;
    }

    private void EnsureStarted()
    {
        if (_started)
        {
            return;
        }

        var snapshot = "none";
        if (_store.LoadState(SnapshotKey) is { } json)
        {
            try
            {
                if (JsonSerializer.Deserialize(json, AlertJsonContext.Default.EngineSnapshot) is { Version: EngineSnapshot.CurrentVersion } saved)
                {
                    _engine.Import(saved);
                    snapshot = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"of {saved.SavedAt:O} ({saved.Sensors.Count} sensors, {saved.Gateways.Count} gateways)");
                }
                else
                {
                    AlertsLog.SnapshotUnreadable(_logger, "another snapshot version");
                }
            }
            catch (JsonException ex)
            {
                AlertsLog.SnapshotUnreadable(_logger, ex.Message);
            }
        }

        var open = _store.ListOpen();
        _engine.Seed(open, _clock.GetUtcNow());
        _started = true;
        AlertsLog.Restored(_logger, open.Count, snapshot);
    }
}
