using SmartSensors.Cloud.Alerts.AirQuality;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Tests.Alerts;

public sealed class RuleEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnPack_Pm25HighButFewerThan18Hours_InsufficientDataAndNoAlert()
    {
        var engine = Engine();
        var changes = new List<ConditionChange>();
        for (var hour = 0; hour < 17; hour++)
        {
            changes.AddRange(engine.OnPack(Pack("aq-1", Quantities.Pm25, 80, T0.AddHours(hour)), T0.AddHours(hour)));
        }

        Assert.Empty(changes);
        var status = engine.AirQualityOf(new SensorKey("town-hall", "gw-1", "aq-1"), T0.AddHours(16));
        Assert.True(status.InsufficientData);
        Assert.Null(status.Index);
    }

    [Fact]
    public void OnPack_Pm25Over24Hours_RaisesAtModerateEscalatesAtHighAndClearsAtLow()
    {
        var engine = Engine();
        var changes = new List<ConditionChange>();
        var hour = 0;
        void Feed(double value, int hours)
        {
            for (var i = 0; i < hours; i++, hour++)
            {
                changes.AddRange(engine.OnPack(Pack("aq-1", Quantities.Pm25, value, T0.AddHours(hour)), T0.AddHours(hour)));
            }
        }

        Feed(38, 18); // 18 of 24 hourly slots: the first index, 38 ug/m3 = DAQI 4 (Moderate)
        Assert.Single(changes);
        Assert.Equal((1, AlertSeverity.Moderate), (changes[0].Level, changes[0].Severity));
        Assert.Equal(4, changes[0].Value);

        Feed(200, 12); // the 24 h mean passes 58 ug/m3: DAQI 7+ (High)
        Assert.Contains(changes, c => c.Level == 2 && c.Severity == AlertSeverity.Severe);

        Feed(5, 30); // a day of clean air: back to Low
        Assert.Equal(0, changes[^1].Level);
        Assert.Equal(DaqiBand.Low, engine.AirQualityOf(new SensorKey("town-hall", "gw-1", "aq-1"), T0.AddHours(hour - 1)).Band);
    }

    [Fact]
    public void Tick_RiverSensorSilentWhileAboveAlertLevel_SevereAndClearedByNextReading()
    {
        var flood = new FloodOptions { SilentAfter = TimeSpan.FromMinutes(15) };
        flood.Stations.Add(new FloodStation { Site = "riverside", AlertLevel = 1.0, WarningLevel = 1.5, SevereLevel = 2.0 });
        var engine = Engine(flood: flood);
        var raised = engine.OnPack(Pack("level-1", Quantities.Level, 1.2, T0, site: "riverside"), T0);
        Assert.Equal(RuleIds.FloodLevel, Assert.Single(raised).RuleId);

        Assert.Empty(engine.Tick(T0.AddMinutes(14)));
        var silent = engine.Tick(T0.AddMinutes(15)).Single(c => c.RuleId == RuleIds.FloodSilent);
        Assert.Equal(AlertSeverity.Severe, silent.Severity);
        Assert.DoesNotContain(engine.Tick(T0.AddMinutes(20)), c => c.RuleId == RuleIds.FloodSilent);

        var back = engine.OnPack(Pack("level-1", Quantities.Level, 1.1, T0.AddMinutes(21), site: "riverside"), T0.AddMinutes(21));
        Assert.Contains(back, c => c.RuleId == RuleIds.FloodSilent && c.Level == 0);
    }

    [Fact]
    public void OnStatus_OfflineWillThenOnline_RaisedAfterGraceAndClearedOnBirth()
    {
        var engine = Engine(health: new DeviceHealthOptions { OfflineGrace = TimeSpan.FromMinutes(5) });
        engine.OnStatus(new GatewayStatus(GatewayState.Online, "park", "gw-9"), T0);
        engine.OnStatus(GatewayStatus.Offline("park", "gw-9"), T0.AddMinutes(1));
        Assert.Empty(engine.Tick(T0.AddMinutes(5)));
        var offline = Assert.Single(engine.Tick(T0.AddMinutes(6)));
        Assert.Equal((RuleIds.GatewayOffline, 1), (offline.RuleId, offline.Level));
        Assert.Empty(engine.Tick(T0.AddMinutes(7)));
        var online = Assert.Single(engine.OnStatus(new GatewayStatus(GatewayState.Online, "park", "gw-9"), T0.AddMinutes(8)));
        Assert.Equal(0, online.Level);
    }

    [Fact]
    public void OnPack_OutboxEvictedCountRises_OutboxEvictingRaisedOnce()
    {
        var engine = Engine();
        Assert.Empty(engine.OnPack(Pack("gateway", Quantities.Evicted, 10, T0), T0)); // baseline
        var first = engine.OnPack(Pack("gateway", Quantities.Evicted, 15, T0.AddMinutes(1)), T0.AddMinutes(1));
        Assert.Equal(RuleIds.OutboxEvicting, Assert.Single(first).RuleId);
        Assert.Empty(engine.OnPack(Pack("gateway", Quantities.Evicted, 30, T0.AddMinutes(2)), T0.AddMinutes(2)));
    }

    [Fact]
    public void Import_SnapshotThroughJson_KeepsPendingBreachAndRunningMeans()
    {
        var before = Engine();
        var site = "town-hall";
        before.OnPack(Pack("bed-1", Quantities.Moisture, 20, T0), T0);
        before.OnPack(Pack("bed-1", Quantities.Moisture, 20, T0.AddMinutes(20)), T0.AddMinutes(20));
        for (var hour = 0; hour < 17; hour++)
        {
            before.OnPack(Pack("aq-1", Quantities.Pm25, 38, T0.AddHours(hour)), T0.AddHours(hour));
        }

        var json = System.Text.Json.JsonSerializer.Serialize(before.Export(T0.AddHours(17)), SmartSensors.Cloud.Alerts.Channels.AlertJsonContext.Default.EngineSnapshot);
        var after = Engine();
        after.Import(System.Text.Json.JsonSerializer.Deserialize(json, SmartSensors.Cloud.Alerts.Channels.AlertJsonContext.Default.EngineSnapshot)!);

        // The breach began before the restart: 30 minutes after it, the bed is reported.
        var watering = after.OnPack(Pack("bed-1", Quantities.Moisture, 20, T0.AddMinutes(30)), T0.AddMinutes(30));
        Assert.Equal(RuleIds.Watering, Assert.Single(watering).RuleId);

        // 17 hours before the restart + 1 after = 18 of 24: the mean has its index.
        var air = after.OnPack(Pack("aq-1", Quantities.Pm25, 38, T0.AddHours(17)), T0.AddHours(17));
        Assert.Equal(RuleIds.AirQuality, Assert.Single(air).RuleId);
        Assert.Equal(4, after.AirQualityOf(new SensorKey(site, "gw-1", "aq-1"), T0.AddHours(17)).Index);
    }

    [Fact]
    public void OnPack_BeyondMaxSensors_NewSensorsNotEvaluatedKnownOnesStillAre()
    {
        var engine = new RuleEngine(new WateringOptions { Sustain = TimeSpan.Zero }, new AirQualityOptions(), new FloodOptions(), new DeviceHealthOptions(), maxSensors: 2);
        engine.OnPack(Pack("bed-1", Quantities.Moisture, 50, T0), T0);
        engine.OnPack(Pack("bed-2", Quantities.Moisture, 50, T0), T0);
        Assert.Empty(engine.OnPack(Pack("bed-3", Quantities.Moisture, 5, T0), T0));
        Assert.Equal(2, engine.SensorCount);
        Assert.Equal(1, engine.RefusedReadings);
        Assert.Single(engine.OnPack(Pack("bed-1", Quantities.Moisture, 5, T0.AddMinutes(1)), T0.AddMinutes(1)));
    }

    [Fact]
    public void OnBrokerDropped_FirstTotalBaselineThenRise_SevereRaisedOnceAndClearedAfterQuietPeriod()
    {
        var engine = Engine(health: new DeviceHealthOptions { BrokerDropClearAfter = TimeSpan.FromHours(1), SensorStaleAfter = TimeSpan.FromDays(7), HeartbeatTimeout = TimeSpan.FromDays(7) });

        // The first total seen is the baseline, however large: drops before we looked are not news.
        Assert.Empty(engine.OnBrokerDropped(120, T0));
        Assert.Empty(engine.OnBrokerDropped(120, T0.AddSeconds(10)));

        var raised = Assert.Single(engine.OnBrokerDropped(127, T0.AddSeconds(20)));
        Assert.Equal((RuleIds.BrokerDropped, AlertCategory.DeviceHealth, AlertSeverity.Severe, 1), (raised.RuleId, raised.Category, raised.Severity, raised.Level));
        Assert.Equal("broker//", raised.Subject);
        Assert.Equal("The MQTT broker dropped 7 messages: readings were lost", raised.Title);
        Assert.Contains("max_queued_messages", raised.Message, StringComparison.Ordinal);
        Assert.Contains("docs/operations.md", raised.Message, StringComparison.Ordinal);

        // Further drops while open: no second alert, but they restart the quiet period.
        Assert.Empty(engine.OnBrokerDropped(130, T0.AddMinutes(30)));
        Assert.Empty(engine.Tick(T0.AddMinutes(89)));
        var cleared = Assert.Single(engine.Tick(T0.AddMinutes(90)));
        Assert.Equal((RuleIds.BrokerDropped, 0), (cleared.RuleId, cleared.Level));
        Assert.Empty(engine.Tick(T0.AddMinutes(91)));

        // A smaller total means the broker restarted: the new baseline, not an alert; a rise from it is.
        Assert.Empty(engine.OnBrokerDropped(0, T0.AddHours(2)));
        Assert.Equal(RuleIds.BrokerDropped, Assert.Single(engine.OnBrokerDropped(1, T0.AddHours(3))).RuleId);
    }

    [Fact]
    public void Import_BrokerDroppedTotalThroughJson_RiseAcrossRestartRaised()
    {
        var before = Engine();
        before.OnBrokerDropped(40, T0);
        var json = System.Text.Json.JsonSerializer.Serialize(before.Export(T0), SmartSensors.Cloud.Alerts.Channels.AlertJsonContext.Default.EngineSnapshot);
        var after = Engine();
        after.Import(System.Text.Json.JsonSerializer.Deserialize(json, SmartSensors.Cloud.Alerts.Channels.AlertJsonContext.Default.EngineSnapshot)!);

        var raised = Assert.Single(after.OnBrokerDropped(45, T0.AddMinutes(5)));
        Assert.Equal("The MQTT broker dropped 5 messages: readings were lost", raised.Title);
    }

    private static RuleEngine Engine(FloodOptions? flood = null, DeviceHealthOptions? health = null) =>
        new(new WateringOptions(), new AirQualityOptions(), flood ?? new FloodOptions(), health ?? new DeviceHealthOptions { SensorStaleAfter = TimeSpan.FromDays(7), HeartbeatTimeout = TimeSpan.FromDays(7) });

    private static GatewayPack Pack(string sensor, QuantityDefinition quantity, double value, DateTimeOffset at, string site = "town-hall") =>
        new("gw-1", site, 1, [Reading.Of(sensor, quantity, value, at)]);
}
