using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Alerts.Round;

/// <summary>
/// The watering round for street operatives: the beds with an open watering alert, grouped by site, driest bed first
/// (and the site with the driest bed first). On demand (<see cref="Build"/>) and once each morning
/// (<see cref="SendIfDue"/>), through the round audience's channels, keyed by date so a restart never sends a day's
/// round twice.
/// </summary>
internal sealed class WateringRound
{
    private readonly AlertStore _store;
    private readonly AlertEvaluator _evaluator;
    private readonly AlertRouter _router;
    private readonly AlertLifecycle _lifecycle;
    private readonly RoundOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WateringRound> _logger;
    private readonly TimeZoneInfo _zone;
    private DateOnly? _lastAttempted;

    public WateringRound(AlertStore store, AlertEvaluator evaluator, AlertRouter router, AlertLifecycle lifecycle, IOptions<RoundOptions> options, TimeProvider clock, ILogger<WateringRound> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _evaluator = evaluator;
        _router = router;
        _lifecycle = lifecycle;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(_options.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The beds that need water now.</summary>
    public WateringRoundMessage Build()
    {
        var readings = _evaluator.SoilReadings().ToDictionary(r => r.Key);
        var beds = _store.ListOpen()
            .Where(a => a.RuleId == RuleIds.Watering)
            .Select(a =>
            {
                var key = new SensorKey(a.Site, a.Gateway, a.Sensor);
                var found = readings.TryGetValue(key, out var r);
                return (a.Site, Bed: new RoundBed(a.Gateway, a.Sensor, found ? r.Moisture : a.Value ?? 0, found ? r.Threshold : 0, found ? r.At : a.UpdatedAt, a.RaisedAt));
            })
            .ToList();
        var sites = beds
            .GroupBy(b => b.Site, StringComparer.Ordinal)
            .Select(g => new RoundSite(g.Key, [.. g.Select(b => b.Bed).OrderBy(b => b.Moisture).ThenBy(b => b.Sensor, StringComparer.Ordinal)]))
            .OrderBy(s => s.Beds[0].Moisture)
            .ThenBy(s => s.Site, StringComparer.Ordinal)
            .ToList();
        return new WateringRoundMessage(_clock.GetUtcNow(), beds.Count, sites);
    }

    /// <summary>Enqueues today's round if its time has come and it has not been enqueued; returns the notifications added.</summary>
    public int SendIfDue()
    {
        if (!_options.Enabled)
        {
            return 0;
        }

        var local = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        if (_lastAttempted == today || TimeOnly.FromDateTime(local.DateTime) < _options.Time)
        {
            return 0;
        }

        _lastAttempted = today;
        return Send(today);
    }

    /// <summary>Enqueues the round for <paramref name="date"/> to the round audience (once per date and recipient).</summary>
    public int Send(DateOnly date)
    {
        var round = Build();
        if (round.BedCount == 0 && !_options.SendWhenEmpty)
        {
            return 0;
        }

        if (!_router.Audiences.TryGetValue(_options.Audience, out var audience))
        {
            return 0;
        }

        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var now = _clock.GetUtcNow();
        var entries = new List<OutboxEntry>();
        void Add(string channel, string target, WateringRoundMessage message)
        {
            var key = $"round:{day}:{channel}:{_options.Audience}:{target}";
            var payload = JsonSerializer.Serialize(new AlertNotification(key, "watering.round", _options.Audience, now, null, message), AlertJsonContext.Default.AlertNotification);
            entries.Add(new OutboxEntry(key, null, channel, _options.Audience, target, payload, now));
        }

        if (audience.Mqtt)
        {
            foreach (var site in round.Sites)
            {
                Add(ChannelNames.Mqtt, Topics.Alerts(_options.Audience, site.Site), round with { BedCount = site.Beds.Count, Sites = [site] });
            }
        }

        foreach (var hook in audience.Webhooks)
        {
            Add(ChannelNames.Webhook, hook.Url!.AbsoluteUri, round);
        }

        foreach (var number in audience.Sms)
        {
            Add(ChannelNames.Sms, number, round);
        }

        foreach (var address in audience.Email)
        {
            Add(ChannelNames.Email, address, round);
        }

        var added = _store.Enqueue(entries);
        if (added > 0)
        {
            AlertsLog.RoundSent(_logger, day, _options.Audience, round.BedCount, round.Sites.Count);
            _lifecycle.RaiseEnqueued();
        }

        return added;
    }
}
