using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Channels.Cap;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Rules;

namespace SmartSensors.Cloud.Tests.Alerts.Cap;

public sealed class CapWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<XmlSchemaSet> Schema = new(LoadSchema);

    [Fact]
    public void Message_FloodAlertRaisedEscalatedResolved_ValidCap12AlertUpdateCancelWithReferences()
    {
        var writer = new CapWriter(Options.Create(new CapOptions { Sender = "flood@council.example.gov.uk", SenderName = "Test Council" }), Options.Create(new FloodOptions()));
        var raised = Flood(version: 1, AlertState.Raised, AlertSeverity.Moderate, level: 1, T0);
        var escalated = raised with { Version = 2, Level = 3, Severity = AlertSeverity.Extreme, PeakSeverity = AlertSeverity.Extreme, UpdatedAt = T0.AddMinutes(20) };
        var resolved = escalated with { Version = 3, State = AlertState.Resolved, ResolvedAt = T0.AddHours(5), ResolvedBy = "auto", UpdatedAt = T0.AddHours(5) };

        var first = writer.Message(raised, null);
        var second = writer.Message(escalated, raised.UpdatedAt);
        var third = writer.Message(resolved, escalated.UpdatedAt);

        foreach (var message in new[] { first, second, third })
        {
            Validate(message);
        }

        XNamespace cap = "urn:oasis:names:tc:emergency:cap:1.2";
        Assert.Equal(["Alert", "Update", "Cancel"], new[] { first, second, third }.Select(m => m.Element(cap + "msgType")!.Value));
        Assert.Null(first.Element(cap + "references"));
        Assert.Equal($"flood@council.example.gov.uk,{raised.Id}.1,2026-11-21T06:00:00-00:00", second.Element(cap + "references")!.Value);
        Assert.Equal("Severe Flood Warning", second.Element(cap + "info")!.Element(cap + "event")!.Value);
        Assert.Equal("Extreme", second.Element(cap + "info")!.Element(cap + "severity")!.Value);
        Assert.Equal("Past", third.Element(cap + "info")!.Element(cap + "urgency")!.Value);
        Assert.Equal("AllClear", third.Element(cap + "info")!.Element(cap + "responseType")!.Value);
        Assert.Equal("53.046,-2.993 0.1", first.Element(cap + "info")!.Element(cap + "area")!.Element(cap + "circle")!.Value);
    }

    [Fact]
    public void Feed_CurrentAlerts_AtomWithEveryEmbeddedCapMessageValid()
    {
        var writer = new CapWriter(Options.Create(new CapOptions()), Options.Create(new FloodOptions()));
        var open = Flood(version: 1, AlertState.Raised, AlertSeverity.Moderate, level: 1, T0);
        var closed = Flood(version: 2, AlertState.Resolved, AlertSeverity.Severe, level: 2, T0.AddHours(1)) with { Latitude = null, Longitude = null };

        var feed = writer.Feed([(open, null), (closed, T0)], new Uri("http://127.0.0.1:8080/"), T0.AddHours(2));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            var content = entry.Element(atom + "content")!;
            Assert.Equal("application/cap+xml", content.Attribute("type")!.Value);
            Validate(content.Elements().Single());
            Assert.StartsWith("http://127.0.0.1:8080/alerts/", entry.Element(atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Message_StationWithPublicName_AreaIsTheNameAndNoGatewayOrSensorIdAppears()
    {
        var flood = new FloodOptions();
        flood.Stations.Add(new FloodStation { Site = "riverside", Name = "River Dee at Grosvenor Bridge", AlertLevel = 1, WarningLevel = 1.5, SevereLevel = 2 });
        var writer = new CapWriter(Options.Create(new CapOptions()), Options.Create(flood));
        var alert = Flood(1, AlertState.Raised, AlertSeverity.Moderate, 1, T0);

        var message = writer.Message(alert, null);
        var unnamed = new CapWriter(Options.Create(new CapOptions()), Options.Create(new FloodOptions())).Message(alert, null);

        Validate(message);
        XNamespace cap = "urn:oasis:names:tc:emergency:cap:1.2";
        Assert.Equal("River Dee at Grosvenor Bridge", message.Descendants(cap + "areaDesc").Single().Value);
        Assert.Equal(alert.Site, unnamed.Descendants(cap + "areaDesc").Single().Value);
        foreach (var text in new[] { message.ToString(), unnamed.ToString() })
        {
            Assert.DoesNotContain(alert.Gateway!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(alert.Sensor!, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Schema_MessageWithUnknownMsgType_IsRefused()
    {
        var writer = new CapWriter(Options.Create(new CapOptions()), Options.Create(new FloodOptions()));
        var message = writer.Message(Flood(1, AlertState.Raised, AlertSeverity.Moderate, 1, T0), null);
        XNamespace cap = "urn:oasis:names:tc:emergency:cap:1.2";
        message.Element(cap + "msgType")!.Value = "Warning";

        Assert.Throws<XmlSchemaValidationException>(() => Validate(message));
    }

    [Fact]
    public void Time_UtcOffset_WrittenAsMinusZeroWithoutFraction()
    {
        Assert.Equal("2026-11-21T06:00:00-00:00", CapWriter.Time(T0.AddTicks(1234)));
        Assert.Equal("2026-11-21T05:00:00-00:00", CapWriter.Time(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.FromHours(1))));
    }

    internal static void Validate(XElement message)
    {
        var document = new XDocument(new XElement(message));
        document.Validate(Schema.Value, (_, e) => throw new XmlSchemaValidationException(e.Message, e.Exception));
    }

    private static Alert Flood(int version, AlertState state, AlertSeverity severity, int level, DateTimeOffset at) => new(
        "0123456789abcdef0123456789abcdef",
        RuleIds.FloodLevel,
        AlertCategory.Flood,
        "riverside",
        "gw-river-1",
        "level-1",
        severity,
        severity,
        level,
        state,
        "Flood Alert at riverside: river 1.25 m",
        "River level 1.25 m above datum & rising <fast>",
        1.25,
        53.046,
        -2.993,
        T0,
        at,
        null,
        null,
        state == AlertState.Resolved ? at : null,
        state == AlertState.Resolved ? "auto" : null,
        version,
        at);

    private static XmlSchemaSet LoadSchema()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "tests", "SmartSensors.Cloud.Tests", "Alerts", "Cap", "CAP-v1.2.xsd")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var path = Path.Combine(directory.FullName, "tests", "SmartSensors.Cloud.Tests", "Alerts", "Cap", "CAP-v1.2.xsd");
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add("urn:oasis:names:tc:emergency:cap:1.2", reader);
        set.Compile();
        return set;
    }
}
