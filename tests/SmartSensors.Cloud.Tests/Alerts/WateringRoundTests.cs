using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Round;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Alerts;

public sealed class WateringRoundTests : IDisposable
{
    private static readonly DateTimeOffset SixFiftyNine = new(2026, 1, 15, 6, 59, 0, TimeSpan.Zero); // Europe/London is UTC in January
    private readonly TemporaryDirectory _directory = new("watering-round");
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ManualClock _clock = new(SixFiftyNine);
    private readonly List<AlertStore> _stores = [];

    [Fact]
    public void Build_DryBedsAtTwoSites_GroupedBySiteDriestFirst()
    {
        var (round, evaluator, _) = Create();
        Feed(evaluator, "north", "bed-a", 20);
        Feed(evaluator, "north", "bed-b", 10);
        Feed(evaluator, "south", "bed-c", 15);
        Feed(evaluator, "south", "bed-d", 40);

        var built = round.Build();

        Assert.Equal(3, built.BedCount);
        Assert.Equal(["north", "south"], built.Sites.Select(s => s.Site));
        Assert.Equal(["bed-b", "bed-a"], built.Sites[0].Beds.Select(b => b.Sensor));
        Assert.Equal(["bed-c"], built.Sites[1].Beds.Select(b => b.Sensor));
        Assert.Equal(25, built.Sites[0].Beds[0].Threshold);
    }

    [Fact]
    public void SendIfDue_AtSevenOncePerDayEvenAcrossRestart()
    {
        var (round, evaluator, store) = Create();
        Feed(evaluator, "north", "bed-a", 20);
        Feed(evaluator, "south", "bed-c", 15);

        Assert.Equal(0, round.SendIfDue());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, round.SendIfDue()); // MQTT per site (2) + one SMS
        Assert.Equal(0, round.SendIfDue());

        var (restarted, _, _) = Create();
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, restarted.SendIfDue());

        var rounds = store.Notifications(null, 100).Where(n => n.Entry.AlertId is null).ToList();
        Assert.Equal(3, rounds.Count);
        var sms = rounds.Single(n => n.Entry.Channel == ChannelNames.Sms);
        Assert.StartsWith("round:2026-01-15:sms:", sms.Entry.Key, StringComparison.Ordinal);
        var notification = JsonSerializer.Deserialize(sms.Entry.Payload, AlertJsonContext.Default.AlertNotification)!;
        Assert.Equal("watering.round", notification.Event);
        Assert.Equal(2, notification.Round!.Sites.Count);
        var mqtt = rounds.Where(n => n.Entry.Channel == ChannelNames.Mqtt).Select(n => n.Entry.Target).Order();
        Assert.Equal(["ss/v1/alerts/street-operatives/north", "ss/v1/alerts/street-operatives/south"], mqtt);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _metrics.Dispose();
        _directory.Dispose();
    }

    private void Feed(AlertEvaluator evaluator, string site, string bed, double moisture) =>
        evaluator.OnPack(new GatewayPack("gw-1", site, 1, [Reading.Of(bed, Quantities.Moisture, moisture, _clock.GetUtcNow())]));

    private (WateringRound Round, AlertEvaluator Evaluator, AlertStore Store) Create()
    {
        var alertsOptions = new AlertsOptions { StorePath = _directory.File("alerts.db") };
        var audience = new AudienceOptions();
        audience.Categories.Add("watering");
        audience.Sms.Add("+447700900123");
        alertsOptions.Audiences["street-operatives"] = audience;
        var options = Options.Create(alertsOptions);
        var store = new AlertStore(options);
        _stores.Add(store);
        var metrics = new AlertsMetrics(_metrics.GetRequiredService<IMeterFactory>());
        var router = new AlertRouter(options);
        var lifecycle = new AlertLifecycle(store, router, _clock, options, metrics, NullLogger<AlertLifecycle>.Instance);
        var engine = new RuleEngine(new WateringOptions { Sustain = TimeSpan.Zero }, new AirQualityOptions(), new FloodOptions(), new DeviceHealthOptions());
        var evaluator = new AlertEvaluator(engine, lifecycle, store, _clock, metrics, NullLogger<AlertEvaluator>.Instance);
        var round = new WateringRound(store, evaluator, router, lifecycle, Options.Create(new RoundOptions()), _clock, NullLogger<WateringRound>.Instance);
        return (round, evaluator, store);
    }
}
