using SmartSensors.Cloud.Alerts.AirQuality;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Contracts;
using static System.FormattableString;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>
/// Evaluates every rule as readings and status messages arrive, and the time-based rules (offline, stale, silent,
/// eviction quiet) on <see cref="Tick"/>. Returns only <em>changes</em> of a rule's verdict on a subject. Not
/// thread-safe: one caller at a time (the alert evaluator serialises packs, status messages and ticks).
/// </summary>
internal sealed class RuleEngine
{
    private static readonly double[] DaqiThresholds = [4, 7, 10];
    private readonly WateringOptions _watering;
    private readonly AirQualityOptions _airQuality;
    private readonly FloodOptions _flood;
    private readonly DeviceHealthOptions _health;
    private readonly Dictionary<SensorKey, SensorRuleState> _sensors = [];
    private readonly Dictionary<(string Site, string Gateway), GatewayRuleState> _gateways = [];

    private readonly int _maxSensors;
    private long? _brokerDropped;
    private DateTimeOffset? _brokerLastDropAt;
    private bool _brokerDropRaised;

    public RuleEngine(WateringOptions watering, AirQualityOptions airQuality, FloodOptions flood, DeviceHealthOptions health, int maxSensors = 200_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSensors, 1);
        _maxSensors = maxSensors;
        _watering = watering;
        _airQuality = airQuality;
        _flood = flood;
        _health = health;
    }

    /// <summary>The subject of broker-wide alerts (<c>broker-dropped</c>): site <c>broker</c>, no gateway or sensor.</summary>
    public static readonly SensorKey BrokerKey = new("broker", "", "");

    /// <summary>Sensors known.</summary>
    public int SensorCount => _sensors.Count;

    /// <summary>Readings not evaluated because <c>Alerts:MaxSensors</c> sensors are already known.</summary>
    public long RefusedReadings { get; private set; }

    /// <summary>Aligns the rules with the alerts that are open in the store (after a restart): a rule whose alert is
    /// open continues at that level, so it neither raises it again nor forgets to clear it.</summary>
    public void Seed(IEnumerable<Alert> openAlerts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(openAlerts);
        foreach (var alert in openAlerts)
        {
            var key = new SensorKey(alert.Site, alert.Gateway, alert.Sensor);
            switch (alert.RuleId)
            {
                case RuleIds.GatewayOffline:
                    Gateway(alert.Site, alert.Gateway, now).OfflineRaised = true;
                    continue;
                case RuleIds.Watering:
                    SeedDetector(WateringDetector(key, Sensor(key, now)), alert.Level);
                    continue;
                case RuleIds.OverWatering:
                    SeedDetector(OverWateringDetector(key, Sensor(key, now)), alert.Level);
                    continue;
                case RuleIds.AirQuality:
                    SeedDetector(DaqiDetector(Sensor(key, now)), alert.Level);
                    continue;
                case RuleIds.FloodLevel when _flood.For(key.Site, key.Gateway, key.Sensor) is { } station:
                    SeedDetector(FloodDetector(Sensor(key, now), station), alert.Level);
                    continue;
                case RuleIds.FloodRise when _flood.For(key.Site, key.Gateway, key.Sensor) is { RateOfRise: > 0 } station:
                    SeedDetector(RiseDetector(Sensor(key, now), station), alert.Level);
                    continue;
                case RuleIds.FloodSilent:
                    Sensor(key, now).SilentRaised = true;
                    continue;
                case RuleIds.SensorStale:
                    Sensor(key, now).StaleRaised = true;
                    continue;
                case RuleIds.OutboxEvicting:
                    var evicting = Sensor(key, now);
                    evicting.EvictingRaised = true;
                    evicting.LastEvictionAt ??= now;
                    continue;
                case RuleIds.SensorFaults:
                    Sensor(key, now).FaultsRaised = true;
                    continue;
                case RuleIds.BrokerDropped:
                    _brokerDropRaised = true;
                    _brokerLastDropAt ??= now;
                    continue;
                default:
                    continue;
            }
        }
    }

    /// <summary>The engine's state, to save.</summary>
    public EngineSnapshot Export(DateTimeOffset now) => new(
        EngineSnapshot.CurrentVersion,
        now,
        [.. _sensors.Select(s => new SensorSnapshot(
            s.Key.Site,
            s.Key.Gateway,
            s.Key.Sensor,
            s.Value.LastHeard,
            s.Value.Moisture?.Value,
            s.Value.Moisture?.At,
            s.Value.Watering?.Export(),
            s.Value.OverWatering?.Export(),
            s.Value.Flood?.Export(),
            s.Value.FloodRise?.Export(),
            s.Value.Daqi?.Export(),
            [.. s.Value.LevelHistory.Select(h => new TimedValue(h.At, h.Level))],
            s.Value.LastLevel,
            s.Value.SilentRaised,
            s.Value.StaleRaised,
            s.Value.Means.ToDictionary(m => m.Key, m => m.Value.Export()),
            s.Value.LastEvicted,
            s.Value.LastEvictionAt,
            s.Value.EvictingRaised,
            s.Value.LastSensorErrors,
            [.. s.Value.Faults.Select(f => new TimedValue(f.At, f.Errors))],
            s.Value.FaultsRaised))],
        [.. _gateways.Select(g => new GatewaySnapshot(
            g.Key.Site,
            g.Key.Gateway,
            g.Value.Online,
            g.Value.OfflineSince,
            g.Value.LastHeard,
            g.Value.OfflineRaised,
            g.Value.Latitude,
            g.Value.Longitude))])
    {
        BrokerDropped = _brokerDropped,
        BrokerLastDropAt = _brokerLastDropAt,
    };

    /// <summary>Restores a saved state (call before <see cref="Seed"/>, which then aligns it with the open alerts).
    /// Detectors are rebuilt from the current settings, so a changed threshold applies at once.</summary>
    public void Import(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _brokerDropped = snapshot.BrokerDropped;
        _brokerLastDropAt = snapshot.BrokerLastDropAt;
        foreach (var g in snapshot.Gateways)
        {
            var gateway = Gateway(g.Site, g.Gateway, g.LastHeard);
            gateway.Online = g.Online;
            gateway.OfflineSince = g.OfflineSince;
            gateway.LastHeard = g.LastHeard;
            gateway.OfflineRaised = g.OfflineRaised;
            gateway.Latitude = g.Latitude;
            gateway.Longitude = g.Longitude;
        }

        foreach (var s in snapshot.Sensors)
        {
            var key = new SensorKey(s.Site, s.Gateway, s.Sensor);
            var sensor = Sensor(key, s.LastHeard);
            sensor.LastHeard = s.LastHeard;
            sensor.Moisture = s.Moisture is { } m && s.MoistureAt is { } at ? (m, at) : null;
            if (s.Watering is { } watering)
            {
                WateringDetector(key, sensor).Import(watering);
            }

            if (s.OverWatering is { } overWatering)
            {
                OverWateringDetector(key, sensor).Import(overWatering);
            }

            var station = _flood.For(key.Site, key.Gateway, key.Sensor);
            if (s.Flood is { } flood && station is not null)
            {
                FloodDetector(sensor, station).Import(flood);
            }

            if (s.FloodRise is { } rise && station is { RateOfRise: > 0 })
            {
                RiseDetector(sensor, station).Import(rise);
            }

            if (s.Daqi is { } daqi)
            {
                DaqiDetector(sensor).Import(daqi);
            }

            foreach (var h in s.LevelHistory)
            {
                sensor.LevelHistory.Enqueue((h.At, h.Value));
            }

            sensor.LastLevel = s.LastLevel;
            sensor.SilentRaised = s.SilentRaised;
            sensor.StaleRaised = s.StaleRaised;
            foreach (var (pollutant, state) in s.Means)
            {
                var mean = RunningMean.For(pollutant);
                if (mean.Import(state))
                {
                    sensor.Means[pollutant] = mean;
                }
            }

            sensor.LastEvicted = s.LastEvicted;
            sensor.LastEvictionAt = s.LastEvictionAt;
            sensor.EvictingRaised = s.EvictingRaised;
            sensor.LastSensorErrors = s.LastSensorErrors;
            foreach (var f in s.Faults)
            {
                sensor.Faults.Enqueue((f.At, f.Value));
            }

            sensor.FaultsRaised = s.FaultsRaised;
        }
    }

    /// <summary>Evaluates a decoded pack received at <paramref name="receivedAt"/> (cloud clock).</summary>
    public IReadOnlyList<ConditionChange> OnPack(GatewayPack pack, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var changes = new List<ConditionChange>();
        var gateway = Gateway(pack.Site, pack.Gateway, receivedAt);
        gateway.LastHeard = Max(gateway.LastHeard, receivedAt);
        if (gateway.OfflineRaised && gateway.Online != false)
        {
            // Readings prove it is back (a missed heartbeat ends with the next pack).
            gateway.OfflineRaised = false;
            changes.Add(Clear(RuleIds.GatewayOffline, AlertCategory.DeviceHealth, new SensorKey(pack.Site, pack.Gateway, ""), "Gateway reporting again", receivedAt));
        }

        foreach (var reading in pack.Readings)
        {
            var key = new SensorKey(pack.Site, pack.Gateway, reading.SensorId);
            if (_sensors.Count >= _maxSensors && !_sensors.ContainsKey(key))
            {
                RefusedReadings++;
                continue;
            }

            var sensor = Sensor(key, receivedAt);
            sensor.LastHeard = Max(sensor.LastHeard, receivedAt);
            if (sensor.StaleRaised)
            {
                sensor.StaleRaised = false;
                changes.Add(Clear(RuleIds.SensorStale, AlertCategory.DeviceHealth, key, "Sensor reporting again", receivedAt));
            }

            switch (reading.Quantity)
            {
                case "moisture":
                    Soil(key, sensor, reading, changes);
                    break;
                case "level":
                    River(key, sensor, reading, changes);
                    break;
                case "pm2_5":
                    Air(key, sensor, Pollutant.Pm25, reading, changes);
                    break;
                case "pm10":
                    Air(key, sensor, Pollutant.Pm10, reading, changes);
                    break;
                case "no2":
                    Air(key, sensor, Pollutant.No2, reading, changes);
                    break;
                case "o3":
                    Air(key, sensor, Pollutant.O3, reading, changes);
                    break;
                case "so2":
                    Air(key, sensor, Pollutant.So2, reading, changes);
                    break;
                case "evicted":
                    Evictions(key, sensor, reading, changes);
                    break;
                case "sensor_errors":
                    SensorErrors(key, sensor, reading, changes);
                    break;
                default:
                    break;
            }
        }

        return changes;
    }

    /// <summary>Evaluates a status message (birth or will) received at <paramref name="receivedAt"/>.</summary>
    public IReadOnlyList<ConditionChange> OnStatus(GatewayStatus status, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(status);
        var gateway = Gateway(status.Site, status.Gateway, receivedAt);
        gateway.LastHeard = Max(gateway.LastHeard, receivedAt);
        if (status.Location is { } location)
        {
            gateway.Latitude = location.Latitude;
            gateway.Longitude = location.Longitude;
        }

        if (status.State == Contracts.GatewayState.Online)
        {
            gateway.Online = true;
            gateway.OfflineSince = null;
            if (gateway.OfflineRaised)
            {
                gateway.OfflineRaised = false;
                return [Clear(RuleIds.GatewayOffline, AlertCategory.DeviceHealth, new SensorKey(status.Site, status.Gateway, ""), "Gateway back online", receivedAt)];
            }

            return [];
        }

        if (gateway.Online != false)
        {
            gateway.Online = false;
            gateway.OfflineSince = receivedAt;
        }

        return [];
    }

    /// <summary>Evaluates the broker's running total of dropped messages (<c>$SYS/broker/publish/messages/dropped</c>)
    /// received at <paramref name="receivedAt"/>. The first total seen is the baseline; a smaller one means the broker
    /// restarted (the counter starts again at 0) and is the new baseline.</summary>
    public IReadOnlyList<ConditionChange> OnBrokerDropped(long total, DateTimeOffset receivedAt)
    {
        var previous = _brokerDropped;
        _brokerDropped = total;
        if (!_health.Enabled || previous is not { } last || total <= last)
        {
            return [];
        }

        _brokerLastDropAt = receivedAt;
        if (_brokerDropRaised)
        {
            return [];
        }

        _brokerDropRaised = true;
        var dropped = total - last;
        return [Raise(RuleIds.BrokerDropped, AlertCategory.DeviceHealth, BrokerKey, 1, AlertSeverity.Severe,
            Invariant($"The MQTT broker dropped {dropped} message{(dropped == 1 ? "" : "s")}: readings were lost"),
            Invariant($"The MQTT broker discarded {dropped} queued QoS 1 message(s) ({total} since it started) because a client's session queue was full; the gateways had already been acknowledged and deleted those readings. Raise max_queued_messages / max_queued_bytes in mosquitto.conf (see docs/operations.md, Monitoring)."),
            total, receivedAt)];
    }

    /// <summary>Evaluates the time-based rules at <paramref name="now"/>.</summary>
    public IReadOnlyList<ConditionChange> Tick(DateTimeOffset now)
    {
        var changes = new List<ConditionChange>();
        if (_health.Enabled)
        {
            foreach (var ((site, gatewayId), gateway) in _gateways)
            {
                if (gateway.OfflineRaised)
                {
                    continue;
                }

                var key = new SensorKey(site, gatewayId, "");
                if (gateway.Online == false && gateway.OfflineSince is { } since && now - since >= _health.OfflineGrace)
                {
                    gateway.OfflineRaised = true;
                    changes.Add(Raise(RuleIds.GatewayOffline, AlertCategory.DeviceHealth, key, 1, AlertSeverity.Moderate,
                        Invariant($"Gateway {gatewayId} offline at {site}"),
                        Invariant($"Gateway {gatewayId} at {site} went offline at {since:yyyy-MM-dd HH:mm} UTC (its MQTT will) and has not come back."),
                        null, now));
                }
                else if (gateway.Online != false && now - gateway.LastHeard >= _health.HeartbeatTimeout)
                {
                    gateway.OfflineRaised = true;
                    changes.Add(Raise(RuleIds.GatewayOffline, AlertCategory.DeviceHealth, key, 1, AlertSeverity.Moderate,
                        Invariant($"Gateway {gatewayId} silent at {site}"),
                        Invariant($"Gateway {gatewayId} at {site} has sent nothing since {gateway.LastHeard:yyyy-MM-dd HH:mm} UTC (missed heartbeat)."),
                        null, now));
                }
            }
        }

        if (_brokerDropRaised && _brokerLastDropAt is { } droppedAt && now - droppedAt >= _health.BrokerDropClearAfter)
        {
            _brokerDropRaised = false;
            changes.Add(Clear(RuleIds.BrokerDropped, AlertCategory.DeviceHealth, BrokerKey, "The MQTT broker has dropped no further messages", now));
        }

        foreach (var (key, sensor) in _sensors)
        {
            var gatewayDown = _gateways.TryGetValue((key.Site, key.Gateway), out var gateway) && (gateway.OfflineRaised || gateway.Online == false);
            var silence = now - sensor.LastHeard;
            if (_flood.Enabled && !sensor.SilentRaised && sensor.LastLevel is { } level
                && _flood.For(key.Site, key.Gateway, key.Sensor) is { } station && level >= station.AlertLevel && silence >= _flood.SilentAfter)
            {
                // Silent while high: whatever the gateway's state, nobody can see the river.
                sensor.SilentRaised = true;
                changes.Add(Raise(RuleIds.FloodSilent, AlertCategory.Flood, key, 1, AlertSeverity.Severe,
                    Invariant($"River sensor silent while high at {Gauge(station, key)}"),
                    Invariant($"The river sensor at {Gauge(station, key)} last read {level:0.00} m (flood alert level {station.AlertLevel:0.00} m) and has sent nothing since {sensor.LastHeard:yyyy-MM-dd HH:mm} UTC."),
                    level, now));
            }

            if (_health.Enabled && !sensor.StaleRaised && !gatewayDown && silence >= _health.SensorStaleAfter)
            {
                sensor.StaleRaised = true;
                changes.Add(Raise(RuleIds.SensorStale, AlertCategory.DeviceHealth, key, 1, AlertSeverity.Minor,
                    Invariant($"Sensor {key.Sensor} stale at {key.Site}"),
                    Invariant($"Sensor {key.Sensor} on gateway {key.Gateway} at {key.Site} has sent nothing since {sensor.LastHeard:yyyy-MM-dd HH:mm} UTC while its gateway is online."),
                    null, now));
            }

            if (sensor.EvictingRaised && sensor.LastEvictionAt is { } evictedAt && now - evictedAt >= _health.EvictionClearAfter)
            {
                sensor.EvictingRaised = false;
                changes.Add(Clear(RuleIds.OutboxEvicting, AlertCategory.DeviceHealth, key, "Outbox no longer evicting", now));
            }

            if (sensor.FaultsRaised)
            {
                PruneFaults(sensor, now);
                if (sensor.Faults.Count == 0)
                {
                    sensor.FaultsRaised = false;
                    changes.Add(Clear(RuleIds.SensorFaults, AlertCategory.DeviceHealth, key, "No sensor errors in the fault window", now));
                }
            }
        }

        return changes;
    }

    /// <summary>The DAQI of one air-quality sensor at <paramref name="now"/>: index and band, or insufficient data.</summary>
    public DaqiStatus AirQualityOf(SensorKey key, DateTimeOffset now)
    {
        if (!_sensors.TryGetValue(key, out var sensor) || sensor.Means.Count == 0)
        {
            return new DaqiStatus(null, null, null, null);
        }

        return ComputeDaqi(sensor, now);
    }

    /// <summary>Every soil sensor's newest moisture reading.</summary>
    public IReadOnlyList<(SensorKey Key, double Moisture, DateTimeOffset At)> SoilReadings() =>
        [.. _sensors.Where(s => s.Value.Moisture is not null).Select(s => (s.Key, s.Value.Moisture!.Value.Value, s.Value.Moisture.Value.At))];

    /// <summary>A gateway's location from its birth message.</summary>
    public (double Latitude, double Longitude)? LocationOf(string site, string gateway) =>
        _gateways.TryGetValue((site, gateway), out var g) && g.Latitude is { } lat && g.Longitude is { } lon ? (lat, lon) : null;

    /// <summary>The watering settings in force for a sensor.</summary>
    public (double Threshold, double Hysteresis, TimeSpan Sustain, double OverWatered) WateringFor(SensorKey key) =>
        _watering.For(key.Site, key.Gateway, key.Sensor);

    private void Soil(SensorKey key, SensorRuleState sensor, Reading reading, List<ConditionChange> changes)
    {
        if (sensor.Moisture is not { } last || reading.CaptureTime >= last.At)
        {
            sensor.Moisture = (reading.Value, reading.CaptureTime);
        }

        if (!_watering.Enabled)
        {
            return;
        }

        var settings = _watering.For(key.Site, key.Gateway, key.Sensor);
        var dry = WateringDetector(key, sensor);
        var pendingSince = dry.PendingSince ?? reading.CaptureTime;
        if (dry.Observe(reading.Value, reading.CaptureTime) is { } level)
        {
            changes.Add(level == 0
                ? Clear(RuleIds.Watering, AlertCategory.Watering, key, Invariant($"Bed {key.Sensor} watered: soil moisture {reading.Value:0.#} %"), reading.CaptureTime, reading.Value)
                : Raise(RuleIds.Watering, AlertCategory.Watering, key, level, AlertSeverity.Minor,
                    Invariant($"Bed {key.Sensor} at {key.Site} needs watering"),
                    Invariant($"Soil moisture on {key.Sensor} at {key.Site} is {reading.Value:0.#} %, below {settings.Threshold:0.#} % since {pendingSince:yyyy-MM-dd HH:mm} UTC."),
                    reading.Value, reading.CaptureTime));
        }

        var wet = OverWateringDetector(key, sensor);
        if (wet.Observe(reading.Value, reading.CaptureTime) is { } wetLevel)
        {
            changes.Add(wetLevel == 0
                ? Clear(RuleIds.OverWatering, AlertCategory.Watering, key, Invariant($"Bed {key.Sensor} no longer over-watered: {reading.Value:0.#} %"), reading.CaptureTime, reading.Value)
                : Raise(RuleIds.OverWatering, AlertCategory.Watering, key, wetLevel, AlertSeverity.Minor,
                    Invariant($"Bed {key.Sensor} at {key.Site} over-watered"),
                    Invariant($"Soil moisture on {key.Sensor} at {key.Site} is {reading.Value:0.#} %, above {settings.OverWatered:0.#} %: stop watering it."),
                    reading.Value, reading.CaptureTime));
        }
    }

    private void River(SensorKey key, SensorRuleState sensor, Reading reading, List<ConditionChange> changes)
    {
        var station = _flood.Enabled ? _flood.For(key.Site, key.Gateway, key.Sensor) : null;
        if (sensor.LastLevel is null || sensor.LevelHistory.Count == 0 || reading.CaptureTime >= sensor.LevelHistory.Last().At)
        {
            sensor.LastLevel = reading.Value;
        }

        if (sensor.SilentRaised)
        {
            sensor.SilentRaised = false;
            changes.Add(Clear(RuleIds.FloodSilent, AlertCategory.Flood, key, Invariant($"River sensor at {Gauge(station, key)} reporting again: {reading.Value:0.00} m"), reading.CaptureTime, reading.Value));
        }

        if (station is null)
        {
            return;
        }

        var detector = FloodDetector(sensor, station);
        if (detector.Observe(reading.Value, reading.CaptureTime) is { } level)
        {
            if (level == 0)
            {
                changes.Add(Clear(RuleIds.FloodLevel, AlertCategory.Flood, key, Invariant($"River at {Gauge(station, key)} back below the flood alert level: {reading.Value:0.00} m"), reading.CaptureTime, reading.Value));
            }
            else
            {
                var (name, severity, threshold, meaning) = level switch
                {
                    1 => ("Flood Alert", AlertSeverity.Moderate, station.AlertLevel, "flooding is possible, be prepared"),
                    2 => ("Flood Warning", AlertSeverity.Severe, station.WarningLevel, "flooding is expected, immediate action required"),
                    _ => ("Severe Flood Warning", AlertSeverity.Extreme, station.SevereLevel, "danger to life"),
                };
                changes.Add(Raise(RuleIds.FloodLevel, AlertCategory.Flood, key, level, severity,
                    Invariant($"{name} at {Gauge(station, key)}: river {reading.Value:0.00} m"),
                    Invariant($"River level {reading.Value:0.00} m above datum at {Gauge(station, key)} is at or above the {name} level {threshold:0.00} m: {meaning}."),
                    reading.Value, reading.CaptureTime));
            }
        }

        if (station.RateOfRise <= 0)
        {
            return;
        }

        var history = sensor.LevelHistory;
        if (history.Count == 0 || reading.CaptureTime > history.Last().At)
        {
            history.Enqueue((reading.CaptureTime, reading.Value));
        }

        while (history.Count > 2 && reading.CaptureTime - history.Peek().At > station.RateWindow)
        {
            history.Dequeue();
        }

        var (firstAt, firstLevel) = history.Peek();
        var span = reading.CaptureTime - firstAt;
        if (span < station.RateWindow / 4 || span <= TimeSpan.Zero)
        {
            return; // too short a stretch to call a rate
        }

        var rate = (reading.Value - firstLevel) / span.TotalHours;
        if (RiseDetector(sensor, station).Observe(rate, reading.CaptureTime) is { } riseLevel)
        {
            changes.Add(riseLevel == 0
                ? Clear(RuleIds.FloodRise, AlertCategory.Flood, key, Invariant($"River at {Gauge(station, key)} no longer rising fast: {rate:0.00} m/h"), reading.CaptureTime, rate)
                : Raise(RuleIds.FloodRise, AlertCategory.Flood, key, riseLevel, AlertSeverity.Moderate,
                    Invariant($"River rising fast at {Gauge(station, key)}: {rate:0.00} m/h"),
                    Invariant($"River level at {Gauge(station, key)} rose from {firstLevel:0.00} m to {reading.Value:0.00} m in {span.TotalMinutes:0} minutes ({rate:0.00} m/h; threshold {station.RateOfRise:0.00} m/h)."),
                    rate, reading.CaptureTime));
        }
    }

    /// <summary>Where a flood alert is, in the words the public CAP feed may carry: the gauge's public name when it
    /// has one (<see cref="FloodStation.Name"/>), otherwise (or with no station) the sensor and site ids.</summary>
    private static string Gauge(FloodStation? station, SensorKey key) =>
        string.IsNullOrWhiteSpace(station?.Name) ? Invariant($"{key.Sensor} at {key.Site}") : station.Name;

    private void Air(SensorKey key, SensorRuleState sensor, Pollutant pollutant, Reading reading, List<ConditionChange> changes)
    {
        if (!sensor.Means.TryGetValue(pollutant, out var mean))
        {
            mean = RunningMean.For(pollutant);
            sensor.Means[pollutant] = mean;
        }

        mean.Add(reading.CaptureTime, reading.Value);
        if (!_airQuality.Enabled)
        {
            return;
        }

        var daqi = ComputeDaqi(sensor, reading.CaptureTime);
        if (daqi.Index is not { } index)
        {
            return; // insufficient data: no index, so nothing to say either way
        }

        if (DaqiDetector(sensor).Observe(index, reading.CaptureTime) is not { } level)
        {
            return;
        }

        var band = Daqi.Band(index);
        if (level == 0)
        {
            changes.Add(Clear(RuleIds.AirQuality, AlertCategory.AirQuality, key, Invariant($"Air quality back to Low (DAQI {index}) at {key.Site}"), reading.CaptureTime, index));
            return;
        }

        var severity = band switch
        {
            DaqiBand.Moderate => AlertSeverity.Moderate,
            DaqiBand.High => AlertSeverity.Severe,
            _ => AlertSeverity.Extreme,
        };
        changes.Add(Raise(RuleIds.AirQuality, AlertCategory.AirQuality, key, level, severity,
            Invariant($"Air quality {BandName(band)} (DAQI {index}) at {key.Site}"),
            Invariant($"Daily Air Quality Index {index} ({BandName(band)}) on {key.Sensor} at {key.Site}, set by {PollutantName(daqi.Pollutant!.Value)} at {daqi.Mean:0} ug/m3 ({Period(daqi.Pollutant.Value)} mean)."),
            index, reading.CaptureTime));
    }

    private void Evictions(SensorKey key, SensorRuleState sensor, Reading reading, List<ConditionChange> changes)
    {
        var previous = sensor.LastEvicted;
        sensor.LastEvicted = reading.Value;
        if (!_health.Enabled || previous is not { } last || reading.Value <= last)
        {
            return; // first sight is the baseline; a smaller count means the gateway restarted
        }

        sensor.LastEvictionAt = reading.CaptureTime;
        if (sensor.EvictingRaised)
        {
            return;
        }

        sensor.EvictingRaised = true;
        changes.Add(Raise(RuleIds.OutboxEvicting, AlertCategory.DeviceHealth, key, 1, AlertSeverity.Moderate,
            Invariant($"Gateway {key.Gateway} losing readings at {key.Site}"),
            Invariant($"The outbox of gateway {key.Gateway} at {key.Site} is full and evicting unsent readings ({reading.Value - last:0} more, {reading.Value:0} since it started)."),
            reading.Value, reading.CaptureTime));
    }

    private void SensorErrors(SensorKey key, SensorRuleState sensor, Reading reading, List<ConditionChange> changes)
    {
        var previous = sensor.LastSensorErrors;
        sensor.LastSensorErrors = reading.Value;
        if (!_health.Enabled || previous is not { } last || reading.Value <= last)
        {
            return;
        }

        sensor.Faults.Enqueue((reading.CaptureTime, reading.Value - last));
        PruneFaults(sensor, reading.CaptureTime);
        var total = sensor.Faults.Sum(f => f.Errors);
        if (sensor.FaultsRaised || total < _health.FaultThreshold)
        {
            return;
        }

        sensor.FaultsRaised = true;
        changes.Add(Raise(RuleIds.SensorFaults, AlertCategory.DeviceHealth, key, 1, AlertSeverity.Minor,
            Invariant($"Repeated sensor faults on {key.Gateway} at {key.Site}"),
            Invariant($"Gateway {key.Gateway} at {key.Site} reported {total:0} sensor read errors in the last {_health.FaultWindow.TotalMinutes:0} minutes."),
            total, reading.CaptureTime));
    }

    private void PruneFaults(SensorRuleState sensor, DateTimeOffset now)
    {
        while (sensor.Faults.Count > 0 && now - sensor.Faults.Peek().At > _health.FaultWindow)
        {
            sensor.Faults.Dequeue();
        }
    }

    private static DaqiStatus ComputeDaqi(SensorRuleState sensor, DateTimeOffset at)
    {
        int? best = null;
        Pollutant? worst = null;
        double? worstMean = null;
        foreach (var (pollutant, mean) in sensor.Means)
        {
            if (mean.Mean(at) is not { } value || value < 0)
            {
                continue;
            }

            var index = Daqi.Index(pollutant, value);
            if (best is null || index > best)
            {
                best = index;
                worst = pollutant;
                worstMean = value;
            }
        }

        return new DaqiStatus(best, best is { } i ? Daqi.Band(i) : null, worst, worstMean);
    }

    private LevelDetector WateringDetector(SensorKey key, SensorRuleState sensor)
    {
        if (sensor.Watering is null)
        {
            var s = _watering.For(key.Site, key.Gateway, key.Sensor);
            sensor.Watering = new LevelDetector([s.Threshold], rising: false, s.Hysteresis, s.Sustain);
        }

        return sensor.Watering;
    }

    private LevelDetector OverWateringDetector(SensorKey key, SensorRuleState sensor)
    {
        if (sensor.OverWatering is null)
        {
            var s = _watering.For(key.Site, key.Gateway, key.Sensor);
            sensor.OverWatering = new LevelDetector([s.OverWatered], rising: true, s.Hysteresis, s.Sustain);
        }

        return sensor.OverWatering;
    }

    private LevelDetector DaqiDetector(SensorRuleState sensor) =>
        sensor.Daqi ??= new LevelDetector(DaqiThresholds, rising: true, hysteresis: 0, _airQuality.Sustain);

    private static LevelDetector FloodDetector(SensorRuleState sensor, FloodStation station) =>
        sensor.Flood ??= new LevelDetector([station.AlertLevel, station.WarningLevel, station.SevereLevel], rising: true, station.Hysteresis, station.Sustain);

    private static LevelDetector RiseDetector(SensorRuleState sensor, FloodStation station) =>
        sensor.FloodRise ??= new LevelDetector([station.RateOfRise], rising: true, station.RateOfRise / 4, TimeSpan.Zero);

    private static void SeedDetector(LevelDetector detector, int level) =>
        detector.Restore(Math.Clamp(level, 1, level), null, detector.LastAt, detector.LastValue);

    private SensorRuleState Sensor(SensorKey key, DateTimeOffset now)
    {
        if (!_sensors.TryGetValue(key, out var state))
        {
            state = new SensorRuleState { LastHeard = now };
            _sensors[key] = state;
        }

        return state;
    }

    private GatewayRuleState Gateway(string site, string gateway, DateTimeOffset now)
    {
        if (!_gateways.TryGetValue((site, gateway), out var state))
        {
            state = new GatewayRuleState { LastHeard = now };
            _gateways[(site, gateway)] = state;
        }

        return state;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static ConditionChange Raise(string rule, AlertCategory category, SensorKey key, int level, AlertSeverity severity, string title, string message, double? value, DateTimeOffset at) =>
        new(rule, category, key.Site, key.Gateway, key.Sensor, level, severity, title, message, value, at);

    private static ConditionChange Clear(string rule, AlertCategory category, SensorKey key, string message, DateTimeOffset at, double? value = null) =>
        new(rule, category, key.Site, key.Gateway, key.Sensor, 0, AlertSeverity.Minor, message, message, value, at);

    internal static string BandName(DaqiBand band) => band switch
    {
        DaqiBand.Low => "Low",
        DaqiBand.Moderate => "Moderate",
        DaqiBand.High => "High",
        _ => "Very High",
    };

    private static string PollutantName(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 => "PM2.5",
        Pollutant.Pm10 => "PM10",
        Pollutant.No2 => "NO2",
        Pollutant.O3 => "O3",
        _ => "SO2",
    };

    private static string Period(Pollutant pollutant) => pollutant switch
    {
        Pollutant.Pm25 or Pollutant.Pm10 => "24-hour",
        Pollutant.O3 => "8-hour",
        Pollutant.No2 => "1-hour",
        _ => "15-minute",
    };
}
