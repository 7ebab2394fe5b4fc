namespace SmartSensors.Contracts.Tests;

public sealed class StorageMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SensorKind.AirQuality, "air_quality")]
    [InlineData(SensorKind.Weather, "weather")]
    [InlineData(SensorKind.Soil, "soil")]
    [InlineData(SensorKind.WaterLevel, "water_level")]
    [InlineData(SensorKind.Footfall, "footfall")]
    [InlineData(SensorKind.GatewayHealth, "gateway_health")]
    public void Measurement_EachKind_DesignMeasurementName(SensorKind kind, string measurement)
    {
        Assert.Equal(measurement, StorageMapping.Measurement(kind));
        Assert.Contains(measurement, StorageMapping.Measurements);
    }

    [Fact]
    public void ToPoints_ReadingsOfOneSensorAndTime_OnePointWithAllFields()
    {
        var pack = new GatewayPack("gw-01", "park", 3, [
            Reading.Of("bme280-1", Quantities.Temperature, 12.5, At),
            Reading.Of("bme280-1", Quantities.Humidity, 80, At),
            Reading.Of("bme280-1", Quantities.Temperature, 12.7, At.AddMinutes(1)),
            Reading.Of("beam-1", Quantities.In, 10, At),
            Reading.Of("beam-1", Quantities.Out, 7, At),
        ]);

        var points = StorageMapping.ToPoints(pack);

        Assert.Collection(
            points,
            p =>
            {
                Assert.Equal(("weather", "park", "gw-01", "bme280-1", At), (p.Measurement, p.Site, p.Gateway, p.Sensor, p.Timestamp));
                Assert.Equal([new StorageField("temperature", 12.5, false), new StorageField("humidity", 80, false)], p.Fields);
            },
            p => Assert.Equal((At.AddMinutes(1), 12.7), (p.Timestamp, Assert.Single(p.Fields).Value)),
            p =>
            {
                Assert.Equal(("footfall", "beam-1"), (p.Measurement, p.Sensor));
                Assert.Equal([new StorageField("in", 10, true), new StorageField("out", 7, true)], p.Fields);
            });
    }

    [Fact]
    public void ToPoints_LargePackWithInterleavedFields_SameGroupingAsASmallOne()
    {
        // 60 points whose two fields arrive far apart (temperature for every minute, then humidity for every minute):
        // past 32 points the mapping switches from looking back to a dictionary, and must group the same way.
        var readings = new List<Reading>();
        readings.AddRange(Enumerable.Range(0, 60).Select(i => Reading.Of("bme280-1", Quantities.Temperature, i, At.AddMinutes(i))));
        readings.AddRange(Enumerable.Range(0, 60).Select(i => Reading.Of("bme280-1", Quantities.Humidity, 100 - i, At.AddMinutes(i))));
        var points = StorageMapping.ToPoints(new GatewayPack("gw-01", "park", 4, readings));

        Assert.Equal(60, points.Count);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(At.AddMinutes(i), points[i].Timestamp);
            Assert.Equal([new StorageField("temperature", i, false), new StorageField("humidity", 100 - i, false)], points[i].Fields);
        }
    }

    [Fact]
    public void ToPoints_SensorReportingTwoKinds_TwoMeasurements()
    {
        var pack = new GatewayPack("gw-01", "park", 3, [
            Reading.Of("scd41-1", Quantities.Co2, 420, At),
            Reading.Of("scd41-1", Quantities.Temperature, 19, At),
        ]);

        Assert.Equal(["air_quality", "weather"], StorageMapping.ToPoints(pack).Select(p => p.Measurement));
    }

    [Fact]
    public void Tags_Point_SiteGatewaySensorSortedByKey()
    {
        var point = new StoragePoint("soil", "park", "gw-01", "bed-14", At, [new StorageField("moisture", 22, false)]);

        Assert.Equal(
            [KeyValuePair.Create("gateway", "gw-01"), KeyValuePair.Create("sensor", "bed-14"), KeyValuePair.Create("site", "park")],
            point.Tags);
    }
}
