using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Round;

namespace SmartSensors.Cloud.Alerts.Evaluation;

/// <summary>Every <c>Alerts:EvaluationInterval</c>: the time-based rules, re-notification of unacknowledged alerts,
/// and the morning watering round.</summary>
internal sealed class AlertTicker : BackgroundService
{
    private readonly AlertEvaluator _evaluator;
    private readonly AlertLifecycle _lifecycle;
    private readonly WateringRound _round;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertTicker> _logger;
    private DateTimeOffset _lastSnapshot;

    public AlertTicker(AlertEvaluator evaluator, AlertLifecycle lifecycle, WateringRound round, IOptions<AlertsOptions> options, TimeProvider clock, ILogger<AlertTicker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _evaluator = evaluator;
        _lifecycle = lifecycle;
        _round = round;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>One round of the periodic work.</summary>
    public void RunOnce()
    {
        _evaluator.Tick();
        _lifecycle.RenotifyDue();
        _round.SendIfDue();
        var now = _clock.GetUtcNow();
        if (now - _lastSnapshot >= _options.SnapshotInterval)
        {
            _evaluator.SaveSnapshot();
            _lastSnapshot = now;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _evaluator.SaveSnapshot();
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            AlertsLog.TickFailed(_logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.EvaluationInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    RunOnce();
                }
                catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
                {
                    AlertsLog.TickFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
