namespace SmartSensors.Contracts.Tests;

public sealed class TopicsTests
{
    [Fact]
    public void Builders_ValidIds_ContractTopics()
    {
        Assert.Equal("ss/v1/queens-square/gw-01/readings", Topics.Readings("queens-square", "gw-01"));
        Assert.Equal("ss/v1/queens-square/gw-01/status", Topics.Status("queens-square", "gw-01"));
        Assert.Equal("ss/v1/queens-square/gw-01/config", Topics.Config("queens-square", "gw-01"));
        Assert.Equal("ss/v1/alerts/street-ops/queens-square", Topics.Alerts("street-ops", "queens-square"));
    }

    [Fact]
    public void Subscriptions_WithAndWithoutGroup_SharedFilters()
    {
        Assert.Equal("ss/v1/+/+/readings", Topics.ReadingsSubscription());
        Assert.Equal("$share/ingest/ss/v1/+/+/readings", Topics.ReadingsSubscription("ingest"));
        Assert.Equal("ss/v1/+/+/status", Topics.StatusSubscription());
        Assert.Equal("$share/alerts-a/ss/v1/park/+/readings", Topics.SiteReadingsSubscription("park", "alerts-a"));
        Assert.Equal("ss/v1/alerts/resilience/+", Topics.AlertsSubscription("resilience"));
    }

    [Theory]
    [InlineData("Queens", "gw-01")]
    [InlineData("queens square", "gw-01")]
    [InlineData("queens", "gw/01")]
    [InlineData("queens", "+")]
    [InlineData("queens", "#")]
    [InlineData("", "gw-01")]
    [InlineData("queens", "gw_01")]
    public void Readings_InvalidId_Throws(string site, string gateway)
    {
        Assert.Throws<ArgumentException>(() => Topics.Readings(site, gateway));
    }

    [Fact]
    public void IsValidId_LengthLimits_OneToSixtyFour()
    {
        Assert.True(Topics.IsValidId("a"));
        Assert.True(Topics.IsValidId(new string('a', 64)));
        Assert.False(Topics.IsValidId(new string('a', 65)));
        Assert.False(Topics.IsValidId(string.Empty));
        Assert.False(Topics.IsValidId((string?)null));
        Assert.False(Topics.IsValidId("é"));
    }

    [Theory]
    [InlineData("ss/v1/park/gw-01/readings", TopicKind.Readings, "park", "gw-01", "")]
    [InlineData("ss/v1/park/gw-01/status", TopicKind.Status, "park", "gw-01", "")]
    [InlineData("ss/v1/park/gw-01/config", TopicKind.Config, "park", "gw-01", "")]
    [InlineData("ss/v1/alerts/street-ops/park", TopicKind.Alerts, "park", "", "street-ops")]
    public void TryParse_ContractTopic_Parsed(string topic, TopicKind kind, string site, string gateway, string audience)
    {
        Assert.True(Topics.TryParse(topic, out var address, out var reason), reason);
        Assert.Equal(new TopicAddress(kind, site, gateway, audience), address);
        Assert.Equal(topic, address.ToString());
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("ss/v2/park/gw-01/readings", "ss/v1")]
    [InlineData("xx/v1/park/gw-01/readings", "ss/v1")]
    [InlineData("ss/v1/park/gw-01", "5 levels")]
    [InlineData("ss/v1/park/gw-01/readings/extra", "5 levels")]
    [InlineData("ss/v1/Park/gw-01/readings", "site 'Park'")]
    [InlineData("ss/v1/park/+/readings", "gateway '+'")]
    [InlineData("ss/v1/park//readings", "gateway ''")]
    [InlineData("ss/v1/park/gw-01/telemetry", "'telemetry'")]
    [InlineData("ss/v1/alerts/Ops/park", "audience 'Ops'")]
    [InlineData("ss/v1/alerts/ops/#", "site '#'")]
    [InlineData("/ss/v1/park/gw-01/readings", "5 levels")]
    public void TryParse_BadTopic_FalseWithReason(string? topic, string reasonContains)
    {
        Assert.False(Topics.TryParse(topic, out _, out var reason));
        Assert.Contains(reasonContains, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HugeTopic_RefusedWithoutScanning()
    {
        Assert.False(Topics.TryParse("ss/v1/" + new string('a', 100_000) + "/gw/readings", out _, out var reason));
        Assert.Contains("longer than", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ControlCharacters_NotEchoedIntoReason()
    {
        Assert.False(Topics.TryParse("ss/v1/pa\u0007rk/gw-01/readings", out _, out var reason));
        Assert.DoesNotContain('\u0007', reason);
    }
}
