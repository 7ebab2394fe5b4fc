using System.Text;

namespace SmartSensors.Contracts.Tests;

public sealed class GatewayStatusCodecTests
{
    private static GatewayStatus Birth() => new(
        GatewayState.Online,
        "queens-square",
        "gw-01",
        "0.1.0",
        new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero),
        [
            new SensorInventoryItem("bme280-1", "bme280", SensorKind.Weather, ["temperature", "humidity", "pressure"]),
            new SensorInventoryItem("sds011-1", "sds011", SensorKind.AirQuality, ["pm2_5", "pm10"]),
        ],
        new GatewayLocation(53.0466, -2.9925));

    [Fact]
    public void EncodeDecode_Birth_RoundTrips()
    {
        var birth = Birth();

        Assert.True(GatewayStatusCodec.TryDecode(GatewayStatusCodec.Encode(birth), out var decoded, out var errors), string.Join("; ", errors));

        Assert.Equal((birth.State, birth.Site, birth.Gateway, birth.Version, birth.StartedAt, birth.Location), (decoded!.State, decoded.Site, decoded.Gateway, decoded.Version, decoded.StartedAt, decoded.Location));
        Assert.Equal(birth.Sensors!.Select(s => (s.SensorId, s.Model, s.Kind, string.Join(",", s.Quantities))), decoded.Sensors!.Select(s => (s.SensorId, s.Model, s.Kind, string.Join(",", s.Quantities))));
    }

    [Fact]
    public void Encode_Birth_SnakeCaseJsonWithKindNames()
    {
        var json = Encoding.UTF8.GetString(GatewayStatusCodec.Encode(Birth()));

        Assert.StartsWith("""{"state":"online","site":"queens-square","gateway":"gw-01","version":"0.1.0","started_at":"2026-01-01T06:00:00+00:00","sensors":[{"sensor_id":"bme280-1","model":"bme280","kind":"weather",""", json, StringComparison.Ordinal);
        Assert.EndsWith(""","location":{"lat":53.0466,"lon":-2.9925}}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_OfflineWill_OnlyStateAndIds()
    {
        var json = Encoding.UTF8.GetString(GatewayStatusCodec.Encode(GatewayStatus.Offline("queens-square", "gw-01")));

        Assert.Equal("""{"state":"offline","site":"queens-square","gateway":"gw-01"}""", json);
    }

    [Theory]
    [InlineData("{\"state\":\"online\",\"site\":\"park\",\"gateway\":\"gw-01\"", ReasonCodes.MalformedJson)]
    [InlineData("""[]""", ReasonCodes.MalformedJson)]
    [InlineData("""{"state":"sleeping","site":"park","gateway":"gw-01"}""", ReasonCodes.MalformedJson)]
    [InlineData("""{"state":"online","gateway":"gw-01"}""", ReasonCodes.MalformedJson)]
    [InlineData("""{"state":"online","site":"Park","gateway":"gw-01"}""", ReasonCodes.InvalidTopic)]
    [InlineData("""{"state":"online","site":"park","gateway":"gw-01","location":{"lat":91,"lon":0}}""", ReasonCodes.OutOfRange)]
    [InlineData("""{"state":"online","site":"park","gateway":"gw-01","location":{"lat":"53","lon":0}}""", ReasonCodes.MalformedJson)]
    [InlineData("""{"state":"online","site":"park","gateway":"gw-01","sensors":[{"sensor_id":"a","model":"m","kind":"weather","quantities":["warp"]}]}""", ReasonCodes.UnknownQuantity)]
    [InlineData("""{"state":"online","site":"park","site":"other","gateway":"gw-01"}""", ReasonCodes.MalformedJson)]
    [InlineData("null", ReasonCodes.MalformedJson)]
    public void TryDecode_BadStatus_RefusedWithReason(string json, string code)
    {
        Assert.False(GatewayStatusCodec.TryDecode(Encoding.UTF8.GetBytes(json), out var status, out var errors));
        Assert.Null(status);
        Assert.Contains(errors, e => e.Code == code);
    }

    [Fact]
    public void TryDecode_DeepNesting_TooDeep()
    {
        var json = """{"state":"online","site":"park","gateway":"gw-01","extra":""" + new string('[', 5000) + new string(']', 5000) + "}";

        Assert.False(GatewayStatusCodec.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var errors));
        Assert.Equal(ReasonCodes.TooDeep, Assert.Single(errors).Code);
    }

    [Fact]
    public void TryDecode_HugeOrInvalidUtf8_Refused()
    {
        Assert.False(GatewayStatusCodec.TryDecode(new byte[GatewayStatusCodec.MaxPayloadBytes + 1], out _, out var large));
        Assert.Equal(ReasonCodes.TooLarge, Assert.Single(large).Code);
        Assert.False(GatewayStatusCodec.TryDecode([0x7B, 0xFF, 0x7D], out _, out var utf8));
        Assert.Equal(ReasonCodes.InvalidUtf8, Assert.Single(utf8).Code);
    }

    [Fact]
    public void TryDecode_HostileCorpus_NeverThrows()
    {
        foreach (var hostile in HostileCorpus.Cases)
        {
            Assert.False(GatewayStatusCodec.TryDecode(hostile.Payload, out _, out var errors), hostile.Name);
            Assert.NotEmpty(errors);
        }
    }
}
