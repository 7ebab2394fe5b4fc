using System.Text;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Contracts;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Influx.LineProtocol;
using SmartSensors.Testing.Influx;

namespace SmartSensors.Cloud.Tests.Ingest;

public sealed class PackLineEncoderTests
{
    [Fact]
    public void Encode_EightReadingPack_OneLinePerSensorWithTagsFieldsAndCaptureTime()
    {
        using var encoder = new PackLineEncoder(LinePrecision.Nanoseconds);
        var start = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

        var text = Encoding.UTF8.GetString(encoder.Encode(TestPacks.Pack("queens-square", "gw-001", 3, start)).Span);

        Assert.Equal(
            """
            weather,gateway=gw-001,sensor=bme280-1,site=queens-square temperature=10.75,humidity=41.5,pressure=1003 1767225603000000000
            air_quality,gateway=gw-001,sensor=sds011-1,site=queens-square pm2_5=0.375,pm10=0.75,no2=12.5 1767225603000000000
            soil,gateway=gw-001,sensor=soil-1,site=queens-square moisture=33 1767225603000000000
            footfall,gateway=gw-001,sensor=beam-1,site=queens-square count=3i 1767225603000000000

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Encode_PacksOfManyGatewaysAndSitesInTurn_EachLineCarriesItsOwnTags()
    {
        // The encoder remembers series keys: a key must never be reused for another site, gateway, sensor or kind,
        // also after the memo filled up and was emptied.
        using var encoder = new PackLineEncoder(LinePrecision.Nanoseconds);
        using var fresh = new LineProtocolBuffer();
        var start = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
        var gateways = PackLineEncoder.MaxSeriesKeys / 4 + 50;
        for (var round = 0; round < 2; round++)
        {
            for (var g = 0; g < gateways; g += round == 0 ? 1 : 97)
            {
                var pack = TestPacks.Pack(g % 2 == 0 ? "site-a" : "site-b", $"gw-{g}", g, start);
                Assert.Equal(ExpectedLines(fresh, pack), Encoding.UTF8.GetString(encoder.Encode(pack).Span));
            }
        }
    }

    [Fact]
    public void Encode_GatewayWithMoreSensorsThanRememberedPerGateway_EachLineCarriesItsOwnSensor()
    {
        // Beyond MaxSeriesPerGateway sensors of one gateway the encoder forgets that gateway's keys and starts again:
        // every line must still name its own sensor, in this pack and in the next ones.
        using var encoder = new PackLineEncoder(LinePrecision.Nanoseconds);
        using var fresh = new LineProtocolBuffer();
        var at = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
        var sensors = PackLineEncoder.MaxSeriesPerGateway + 9;
        for (var round = 0; round < 3; round++)
        {
            var pack = new GatewayPack("gw-001", "park", round, [
                .. Enumerable.Range(0, sensors).Select(i => Reading.Of($"bme280-{(i * 7 + round) % sensors}", Quantities.Temperature, i, at)),
                Reading.Of("beam-1", Quantities.Count, round, at),
            ]);

            var text = Encoding.UTF8.GetString(encoder.Encode(pack).Span);

            Assert.Equal(ExpectedLines(fresh, pack), text);
            Assert.Equal(sensors + 1, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count());
        }
    }

    /// <summary>What <see cref="StorageMapping.ToPoints(GatewayPack)"/> says the pack stores, as line protocol.</summary>
    private static string ExpectedLines(LineProtocolBuffer buffer, GatewayPack pack)
    {
        var expected = new LineProtocolWriter(buffer);
        expected.Clear();
        foreach (var point in StorageMapping.ToPoints(pack))
        {
            expected.Measurement(point.Measurement).Tag("site", point.Site).Tag("gateway", point.Gateway).Tag("sensor", point.Sensor);
            foreach (var field in point.Fields)
            {
                if (field.IsInteger)
                {
                    expected.Field(field.Name, (long)field.Value);
                }
                else
                {
                    expected.Field(field.Name, field.Value);
                }
            }

            expected.Timestamp(point.Timestamp);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public async Task Encode_FieldsOfOnePointNotAdjacent_InfluxdStoresOnePointAsTheStorageMappingSays()
    {
        await using var influx = await InfluxFixture.StartAsync();
        await influx.CreateDatabaseAsync("encoder");
        using var encoder = new PackLineEncoder(LinePrecision.Nanoseconds);
        var at = TestPacks.RecentStart(TimeSpan.FromHours(1));
        var pack = new GatewayPack("gw-001", "park", 1, [
            Reading.Of("bme280-1", Quantities.Temperature, 12.5, at),
            Reading.Of("beam-1", Quantities.Count, 4, at),
            Reading.Of("bme280-1", Quantities.Humidity, 80, at),
        ]);

        await influx.WriteAsync("encoder", Encoding.UTF8.GetString(encoder.Encode(pack).Span));

        var point = Assert.Single(StorageMapping.ToPoints(pack), p => p.Sensor == "bme280-1");
        var rows = await influx.QueryRowsAsync("encoder", "SELECT \"temperature\", \"humidity\" FROM \"weather\" WHERE \"sensor\" = 'bme280-1'");
        var row = Assert.Single(rows);
        Assert.Equal(point.Fields.Select(f => f.Value), [row[1].GetDouble(), row[2].GetDouble()]);
    }

    [Fact]
    public async Task Encode_PacksWrittenToInfluxd_ReadBackWithExactSchema()
    {
        await using var influx = await InfluxFixture.StartAsync();
        await influx.CreateDatabaseAsync("encoder");
        using var encoder = new PackLineEncoder(LinePrecision.Nanoseconds);
        var start = TestPacks.RecentStart(TimeSpan.FromHours(1));
        var lines = new StringBuilder();
        for (var sequence = 0; sequence < 20; sequence++)
        {
            lines.Append(Encoding.UTF8.GetString(encoder.Encode(TestPacks.Pack("park", "gw-001", sequence, start)).Span));
        }

        await influx.WriteAsync("encoder", lines.ToString());

        await InfluxRows.AssertStoredExactlyAsync(influx, "encoder", "park", new Dictionary<string, long> { ["gw-001"] = 20 }, start);
    }
}
