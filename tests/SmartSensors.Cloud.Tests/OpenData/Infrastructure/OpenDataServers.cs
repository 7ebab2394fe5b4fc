using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Influx;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.OpenData.Infrastructure;

/// <summary>
/// One real mosquitto, one real influxd and the cloud host (ingest and api roles) for the open-data tests, with
/// readings of air quality, river level and footfall published over MQTT by "gateways" at fixed times on the day
/// before yesterday (UTC), and stored by the ingest role before any test runs. Four stations are published under
/// public ids; one footfall sensor is deliberately not configured and must never be published.
/// </summary>
public sealed class OpenDataServers : IAsyncLifetime
{
    public const string Database = "opendata";
    public const string Site = "site-wx1";
    public const string AirGateway = "gw-aq-7f3a";
    public const string AirSensor = "sds011-int-19";
    public const string EvilSensor = "no2-int-20";
    public const string RiverGateway = "gw-river-c41d";
    public const string RiverSensor = "ultra-int-3";
    public const string FootfallGateway = "gw-ff-9e2b";
    public const string FootfallSensor = "beam-int-8";
    public const string UnpublishedSensor = "beam-int-9";

    /// <summary>A station name that is a spreadsheet formula: it must reach CSV only as text.</summary>
    public const string FormulaName = "=HYPERLINK(\"http://evil.example/\",\"Click\")";

    /// <summary>Every internal id that must never appear in open-data output.</summary>
    public static readonly string[] InternalIds = [Site, AirGateway, AirSensor, EvilSensor, RiverGateway, RiverSensor, FootfallGateway, FootfallSensor, UnpublishedSensor];

    private readonly TemporaryDirectory _scratch = new("opendata");

    /// <summary>UTC midnight of the day before yesterday: every reading is at a fixed offset from it.</summary>
    public DateTimeOffset Day { get; } = new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-2), TimeSpan.Zero);

    public MosquittoFixture Broker { get; private set; } = null!;

    public InfluxFixture Influx { get; private set; } = null!;

    public OpenDataTestHost Host { get; private set; } = null!;

    public TemporaryDirectory Scratch => _scratch;

    public DateTimeOffset At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    /// <summary>An ISO 8601 time for a query string.</summary>
    public string Iso(int hour, int minute) => At(hour, minute).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Dictionary<string, string?> StationSettings() => new()
    {
        ["OpenData:Publisher"] = "Test Borough Council",
        ["OpenData:Stations:0:Id"] = "town-hall-air",
        ["OpenData:Stations:0:Name"] = "Town Hall",
        ["OpenData:Stations:0:Kind"] = "air-quality",
        ["OpenData:Stations:0:Site"] = Site,
        ["OpenData:Stations:0:Gateway"] = AirGateway,
        ["OpenData:Stations:0:Sensor"] = AirSensor,
        ["OpenData:Stations:0:Latitude"] = "53.0461234",
        ["OpenData:Stations:0:Longitude"] = "-2.9925678",
        ["OpenData:Stations:1:Id"] = "market-air",
        ["OpenData:Stations:1:Name"] = FormulaName,
        ["OpenData:Stations:1:Kind"] = "air-quality",
        ["OpenData:Stations:1:Site"] = Site,
        ["OpenData:Stations:1:Gateway"] = AirGateway,
        ["OpenData:Stations:1:Sensor"] = EvilSensor,
        ["OpenData:Stations:2:Id"] = "dee-bridge",
        ["OpenData:Stations:2:Name"] = "River Dee at the bridge",
        ["OpenData:Stations:2:Kind"] = "river-level",
        ["OpenData:Stations:2:Site"] = Site,
        ["OpenData:Stations:2:Gateway"] = RiverGateway,
        ["OpenData:Stations:2:Sensor"] = RiverSensor,
        ["OpenData:Stations:3:Id"] = "high-street",
        ["OpenData:Stations:3:Name"] = "High Street",
        ["OpenData:Stations:3:Kind"] = "footfall",
        ["OpenData:Stations:3:Site"] = Site,
        ["OpenData:Stations:3:Gateway"] = FootfallGateway,
        ["OpenData:Stations:3:Sensor"] = FootfallSensor,
        // The river thresholds come from the alerts role's flood stations (this host does not run that role).
        ["Alerts:Flood:Stations:0:Site"] = Site,
        ["Alerts:Flood:Stations:0:Gateway"] = RiverGateway,
        ["Alerts:Flood:Stations:0:AlertLevel"] = "1.5",
        ["Alerts:Flood:Stations:0:WarningLevel"] = "2.0",
        ["Alerts:Flood:Stations:0:SevereLevel"] = "2.5",
    };

    public async Task InitializeAsync()
    {
        Broker = await MosquittoFixture.StartAsync(new MosquittoOptions());
        Influx = await InfluxFixture.StartAsync();
        await Influx.CreateDatabaseAsync(Database);
        var settings = CloudTestHost.Settings(Broker, Influx, Database, "opendata-ingest");
        settings["SmartSensors:Roles"] = "ingest,api";
        settings["DeadLetters:Path"] = _scratch.File("dead-letters.db");
        settings["Api:RateLimit:PermitsPerMinute"] = "100000"; // every test here shares one client address
        foreach (var (key, value) in StationSettings())
        {
            settings[key] = value;
        }

        Host = await OpenDataTestHost.StartAsync(settings, _scratch.Path);
        await Host.Services.GetRequiredService<IngestService>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        await PublishAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Influx is not null)
        {
            await Influx.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        _scratch.Dispose();
    }

    private async Task PublishAsync()
    {
        // Air quality, 10:00-11:00: PM2.5 10 and 20, PM10 20 and 40, NO2 100 and 140 → hourly means 15, 30, 120
        // (NO2 index 2, Low). 11:00-12:00: NO2 300 → index 5, Moderate. The second station: NO2 50 at 10:30.
        await PublishAsync(AirGateway, 1,
        [
            Reading.Of(AirSensor, Quantities.Pm25, 10, At(10, 10)),
            Reading.Of(AirSensor, Quantities.Pm10, 20, At(10, 10)),
            Reading.Of(AirSensor, Quantities.No2, 100, At(10, 10)),
            Reading.Of(AirSensor, Quantities.Pm25, 20, At(10, 40)),
            Reading.Of(AirSensor, Quantities.Pm10, 40, At(10, 40)),
            Reading.Of(AirSensor, Quantities.No2, 140, At(10, 40)),
            Reading.Of(AirSensor, Quantities.No2, 300, At(11, 20)),
            Reading.Of(EvilSensor, Quantities.No2, 50, At(10, 30)),
        ]);

        // River, 10:00-10:15: 1.2 and 1.6 m (mean 1.4, above the 1.5 m alert level at its highest); 10:20: 0.5 m.
        await PublishAsync(RiverGateway, 1,
        [
            Reading.Of(RiverSensor, Quantities.Level, 1.2, At(10, 1)),
            Reading.Of(RiverSensor, Quantities.Level, 1.6, At(10, 7)),
            Reading.Of(RiverSensor, Quantities.Level, 0.5, At(10, 20)),
        ]);

        // Footfall every 5 minutes from 10:00: 3, 4, 5 | 7, 0, 1 → 15-minute totals 12 and 8, 30-minute total 20.
        // The unpublished counter's 1000 must never show.
        long[] counts = [3, 4, 5, 7, 0, 1];
        await PublishAsync(FootfallGateway, 1,
        [
            .. counts.Select((c, i) => Reading.Of(FootfallSensor, Quantities.Count, c, At(10, 5 * i))),
            Reading.Of(UnpublishedSensor, Quantities.Count, 1000, At(10, 0)),
        ]);

        await Poll.UntilAsync(async () =>
                await Influx.CountAsync(Database, "air_quality", "no2") == 4
                && await Influx.CountAsync(Database, "water_level", "level") == 3
                && await Influx.CountAsync(Database, "footfall", "count") == 7,
            TimeSpan.FromSeconds(60),
            () => "the published readings were not all stored in InfluxDB");
    }

    private Task PublishAsync(string gateway, long sequence, IReadOnlyList<Reading> readings) =>
        MosquittoPublisher.PublishAsync(Broker, Topics.Readings(Site, gateway), GatewayPackEncoder.Encode(new GatewayPack(gateway, Site, sequence, readings)), _scratch);
}
