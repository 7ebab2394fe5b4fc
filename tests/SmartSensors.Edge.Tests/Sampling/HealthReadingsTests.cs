using SmartSensors.Contracts;
using SmartSensors.Edge.Health;
using SmartSensors.Edge.Outbox;

namespace SmartSensors.Edge.Tests.Sampling;

public sealed class HealthReadingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BuildReadings_Snapshot_GivesValidGatewayHealthReadings()
    {
        var stats = new OutboxStatistics(1234, 99_000, Now.AddMinutes(-90), 17);

        var readings = HealthService.BuildReadings(stats, 5, 48.312, Now);

        Assert.All(readings, r => Assert.Equal(SensorKind.GatewayHealth, r.Kind));
        Assert.All(readings, r => Assert.Equal("gateway", r.SensorId));
        Assert.Equal(1234, readings.Single(r => r.Quantity == "outbox_depth").Value);
        Assert.Equal(5400, readings.Single(r => r.Quantity == "oldest_unsent_age").Value);
        Assert.Equal(17, readings.Single(r => r.Quantity == "evicted").Value);
        Assert.Equal(5, readings.Single(r => r.Quantity == "sensor_errors").Value);
        Assert.Equal(48.312, readings.Single(r => r.Quantity == "cpu_temperature").Value);
        Assert.Empty(GatewayPackEncoder.Validate(new GatewayPack("gw", "site", 1, readings)));
    }

    [Fact]
    public void BuildReadings_EmptyOutboxNoThermalZone_ReportsZeroAgeAndNoCpuTemperature()
    {
        var readings = HealthService.BuildReadings(new OutboxStatistics(0, 0, null, 0), 0, null, Now);

        Assert.Equal(0, readings.Single(r => r.Quantity == "oldest_unsent_age").Value);
        Assert.DoesNotContain(readings, r => r.Quantity == "cpu_temperature");
    }

    [Theory]
    [InlineData("48312", 48.312)]
    [InlineData("-5000", -5.0)]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    [InlineData("999999", null)]
    public void Parse_ThermalZoneText_GivesCelsiusOrNull(string text, double? expected)
    {
        Assert.Equal(expected, CpuTemperatureReader.Parse(text));
    }
}
